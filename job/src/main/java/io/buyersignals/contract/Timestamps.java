package io.buyersignals.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC timestamps. The contract's own shape ({@code 2026-11-22T10:15:30.123Z}, any number of fraction
 * digits) is read and written by hand, because java.time's general parser and formatter were the largest cost of
 * the sources and the sink; every other text goes through {@link Instant#parse}, so what is accepted is unchanged.
 */
final class Timestamps {
    private static final long NOT_CANONICAL = Long.MIN_VALUE;
    private static final long DAY = 86_400_000L;
    /** 10000-01-01T00:00:00Z: later times need more than four year digits. */
    private static final long YEAR_10000 = 253_402_300_800_000L;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** Epoch milliseconds, the fraction beyond milliseconds truncated as {@link Instant#toEpochMilli} does. */
    static long parse(String text) {
        long millis = parseCanonical(text);
        return millis != NOT_CANONICAL ? millis : Instant.parse(text).toEpochMilli();
    }

    /** With exactly three fraction digits. */
    static String format(long epochMillis) {
        if (epochMillis < 0 || epochMillis >= YEAR_10000) {
            return FORMAT.format(Instant.ofEpochMilli(epochMillis));
        }
        LocalDate date = LocalDate.ofEpochDay(epochMillis / DAY);
        int millisOfDay = (int) (epochMillis % DAY);
        char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
        put(text, 0, 4, date.getYear());
        put(text, 5, 2, date.getMonthValue());
        put(text, 8, 2, date.getDayOfMonth());
        put(text, 11, 2, millisOfDay / 3_600_000);
        put(text, 14, 2, millisOfDay / 60_000 % 60);
        put(text, 17, 2, millisOfDay / 1000 % 60);
        put(text, 20, 3, millisOfDay % 1000);
        return new String(text);
    }

    private static void put(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    private static long parseCanonical(String s) {
        int n = s.length();
        if (n < 20
                || n > 30
                || n == 21
                || s.charAt(n - 1) != 'Z'
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':'
                || (n > 20 && s.charAt(19) != '.')) {
            return NOT_CANONICAL;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0
                || month < 1
                || month > 12
                || day < 1
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59
                || day > Month.of(month).length(Year.isLeap(year))) {
            return NOT_CANONICAL;
        }
        int millis = 0;
        for (int i = 20; i < n - 1; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return NOT_CANONICAL;
            }
            if (i < 23) {
                millis = millis * 10 + digit;
            }
        }
        for (int fractionDigits = Math.max(0, n - 21); fractionDigits < 3; fractionDigits++) {
            millis *= 10;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return days * DAY + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
    }

    /** The number written in {@code width} digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int width) {
        int value = 0;
        for (int i = from; i < from + width; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
