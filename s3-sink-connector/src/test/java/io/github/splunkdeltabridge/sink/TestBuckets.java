package io.github.splunkdeltabridge.sink;

import java.util.Locale;
import org.junit.jupiter.api.TestInfo;

/** A bucket per test, named after the test method so an object left behind says which test wrote it. */
final class TestBuckets {

    private TestBuckets() {}

    /** The test method's name in S3's bucket alphabet (lower case, digits, hyphens), cut to {@code maxLength}. */
    static String nameFor(TestInfo test, int maxLength) {
        String name = test.getTestMethod()
                .orElseThrow()
                .getName()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]", "-");
        return name.substring(0, Math.min(name.length(), maxLength));
    }
}
