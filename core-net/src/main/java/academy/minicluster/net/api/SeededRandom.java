package academy.minicluster.net.api;

import java.util.Random;

/**
 * {@link Random}'s own generator (the same 48-bit linear congruential sequence for the same seed), with its state
 * readable so that a forked cluster goes on drawing exactly the numbers the original would have drawn.
 * {@code java.util.Random} keeps its state private; this class overrides the two methods every draw goes through.
 */
public final class SeededRandom extends Random {

    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    /** Not initialised here: {@link Random}'s constructor calls {@link #setSeed} before this class's initialisers run. */
    private long state;

    public SeededRandom(long seed) {
        super(seed);
    }

    private SeededRandom(SeededRandom original) {
        super(0);
        this.state = original.state;
    }

    /** A generator in the same state as this one: both draw the same numbers from here on. */
    public SeededRandom copy() {
        return new SeededRandom(this);
    }

    /** Takes up the sequence where {@code other} stands: both draw the same numbers from here on. */
    public void resumeFrom(SeededRandom other) {
        this.state = other.state;
    }

    /** Writes where the sequence stands. */
    public void writeState(StateWriter out) {
        out.writeLong(state);
    }

    /** Takes up the sequence where {@link #writeState} left it. */
    public void readState(StateReader in) {
        state = in.readLong() & MASK;
    }

    @Override
    public void setSeed(long seed) {
        state = (seed ^ MULTIPLIER) & MASK;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }
}
