package com.shipjoy.projections.kpi;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Order cycle times in milliseconds as an HdrHistogram: mergeable (a window adds up its hours' histograms) and small
 * (compressed, a few hundred bytes), with percentiles within 0.1% of the recorded values.
 */
public final class CycleTimes {

    private static final int SIGNIFICANT_DIGITS = 3;

    private CycleTimes() {
    }

    /** An empty histogram that grows to any value it records. */
    public static Histogram empty() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /** {@code stored}: null for none. */
    public static Histogram decode(byte[] stored) {
        if (stored == null) {
            return empty();
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(stored), 0);
        } catch (DataFormatException e) {
            throw new IllegalStateException("A stored cycle-time histogram is corrupt", e);
        }
    }

    public static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip().get(bytes);
        return bytes;
    }
}
