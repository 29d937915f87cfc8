package io.zyphos.http2.frame;

/**
 * A priority signal of RFC 7540 §5.3, carried by a PRIORITY frame or by the PRIORITY fields of a
 * HEADERS frame: the stream depends on {@code dependency} with {@code weight}. RFC 9113 §5.3.2
 * deprecates the scheme but keeps the fields, so that a peer that still sends them is understood;
 * RFC 9218 replaces it (the Priority field and {@link PriorityUpdateFrame}).
 *
 * <pre>
 *   Exclusive (1),
 *   Stream Dependency (31),
 *   Weight (8),
 * </pre>
 *
 * @param exclusive the Exclusive bit: the stream becomes the only child of its dependency
 * @param dependency the stream depended on; 0 for the root
 * @param weight the weight, 1 to 256: the Weight octet on the wire plus one
 */
public record StreamPriority(boolean exclusive, int dependency, int weight) {

    /** Checks the dependency is a stream identifier and the weight in 1 to 256. */
    public StreamPriority {
        if (dependency < 0) {
            throw new IllegalArgumentException("a stream dependency is 31 bits: " + dependency);
        }
        if (weight < 1 || weight > 256) {
            throw new IllegalArgumentException("a weight is 1 to 256: " + weight);
        }
    }
}
