package io.homeacs.server.task;

/**
 * Encrypts the secrets a queued task must still deliver (transfer passwords, passphrases) while
 * they sit in the store. The task queue owns this port; the security package implements it.
 */
public interface SecretSealer {
    String seal(String plain);

    /** Returns the plain text; values that were never sealed are returned as they are. */
    String open(String stored);

    /** For stores that need no protection, e.g. in unit tests. */
    SecretSealer NONE = new SecretSealer() {
        @Override
        public String seal(String plain) {
            return plain;
        }

        @Override
        public String open(String stored) {
            return stored;
        }
    };
}
