package io.buyersignals.experiment.stats;

/** An estimate of treatment − control with its interval and p-value, and the method that gave them. */
public record Estimate(double difference, double low, double high, double pValue, String method) {
    /** Whether the interval leaves zero out: a significant difference at the interval's level. */
    public boolean significant() {
        return low > 0 || high < 0;
    }

    public boolean covers(double value) {
        return low <= value && value <= high;
    }
}
