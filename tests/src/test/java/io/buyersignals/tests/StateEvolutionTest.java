package io.buyersignals.tests;

import static org.assertj.core.api.Assertions.assertThat;

import io.buyersignals.model.LineItem;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A later release adds a field to a state class: state written before it still restores, the new field at its
 * default. Shown on the real CartState, compiled as it is and with one more field, each in a class loader of its
 * own, and taken through exactly what a restore does: write with the old class, read the serializer snapshot with
 * the new one, resolve compatibility, read the old bytes.
 */
class StateEvolutionTest {
    private static final String CART_STATE = "io.buyersignals.rules.CartState";

    @Test
    void aStateClassThatGainsAFieldRestoresStateWrittenBefore(@TempDir Path dir) throws Exception {
        String source = Files.readString(Path.of("../job/src/main/java/io/buyersignals/rules/CartState.java"),
                StandardCharsets.UTF_8);
        String evolved = source.replace("    public String appliedEventId;",
                "    public String appliedEventId;\n    /** Added in a later release. */\n    public int changes;");
        assertThat(evolved).isNotEqualTo(source);
        Class<?> before = compile(dir.resolve("before"), source);
        Class<?> after = compile(dir.resolve("after"), evolved);
        ExecutionConfig config = new ExecutionConfig();
        config.disableGenericTypes();

        Object cart = before.getConstructor().newInstance();
        before.getField("cartToken").set(cart, "c-1");
        before.getField("lineItems").set(cart, new LineItem[] {
            new LineItem(10, 5, "Linen shirt", 2, new BigDecimal("39.00"))});
        before.getField("changedAt").setLong(cart, 42L);
        @SuppressWarnings("unchecked")
        TypeSerializer<Object> written = (TypeSerializer<Object>) TypeInformation.of(before)
                .createSerializer(config.getSerializerConfig());
        DataOutputSerializer state = new DataOutputSerializer(256);
        written.serialize(cart, state);
        DataOutputSerializer snapshot = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(snapshot, written.snapshotConfiguration());

        TypeSerializerSnapshot<Object> restoredSnapshot = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snapshot.getCopyOfBuffer()), after.getClassLoader());
        @SuppressWarnings("unchecked")
        TypeSerializer<Object> current = (TypeSerializer<Object>) TypeInformation.of(after)
                .createSerializer(config.getSerializerConfig());
        TypeSerializerSchemaCompatibility<Object> compatibility =
                current.snapshotConfiguration().resolveSchemaCompatibility(restoredSnapshot);
        assertThat(compatibility.isCompatibleAfterMigration()).as("a POJO that gained a field migrates").isTrue();

        Object restored = restoredSnapshot.restoreSerializer().deserialize(
                new DataInputDeserializer(state.getCopyOfBuffer()));
        assertThat(restored.getClass()).isSameAs(after);
        assertThat(after.getField("cartToken").get(restored)).isEqualTo("c-1");
        assertThat(after.getField("changedAt").getLong(restored)).isEqualTo(42L);
        assertThat(((LineItem[]) after.getField("lineItems").get(restored))[0].title).isEqualTo("Linen shirt");
        assertThat(after.getField("changes").getInt(restored)).isZero();
    }

    /** Compiles one version of the class; a class loader that looks there first for it, and elsewhere for the rest. */
    private static Class<?> compile(Path dir, String source) throws Exception {
        Path file = dir.resolve("src/CartState.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int result = javac.run(null, null, null, "-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), file.toString());
        assertThat(result).as("javac").isZero();
        ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                StateEvolutionTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.equals(CART_STATE)) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }
        };
        return loader.loadClass(CART_STATE);
    }
}
