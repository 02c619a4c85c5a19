package org.eecs.application.port;


/** Which page of a listing is wanted: {@code number} from 0, {@code size} from 1 to {@link #MAX_SIZE}. */
public record PageRequest(int number, int size) {

    public static final int MAX_SIZE = 100;
    public static final int DEFAULT_SIZE = 20;

    public PageRequest {
        if (number < 0) {
            throw new InvalidRequest("page must be 0 or more, got " + number);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidRequest("size must be from 1 to " + MAX_SIZE + ", got " + size);
        }
    }

    public long offset() {
        return (long) number * size;
    }
}
