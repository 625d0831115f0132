package io.homeacs.firmware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A vendor software version string with a total order that copes with how CPE vendors actually
 * write them ({@code V1.2.3}, {@code 1.2.10}, {@code R1.0.2_build20240301},
 * {@code V100R003C10SPC200}, {@code 3.4.1-rc1}, {@code GW_2.1.0.B12}).
 *
 * <p>Rules, applied to the string lower-cased:
 * <ol>
 *   <li>The string is split into runs of digits and runs of letters; {@code . _ - + ~ /} and spaces
 *       only separate runs. Other characters are kept inside letter runs.</li>
 *   <li>Letter runs before the first digit are a product prefix ({@code V}, {@code R}, {@code GW_},
 *       {@code FW-}) and do not take part in the order: strings of one product line share it.</li>
 *   <li>Digit runs compare as numbers of any length ({@code 003} = {@code 3}; dates such as
 *       {@code 20240301} work).</li>
 *   <li>A letter run is a <em>pre-release</em> word — {@code dev}, {@code snapshot}, {@code alpha},
 *       {@code beta}, {@code milestone}, {@code rc} (also {@code cr}, {@code pre}, {@code preview}),
 *       and {@code a}/{@code b}/{@code m} when a number follows them ({@code b12}) — ranked in that
 *       order; a <em>release</em> word ({@code release}, {@code final}, {@code ga}) which counts as
 *       nothing; or any other word, a <em>post-release</em> word ({@code sp}, {@code spc},
 *       {@code patch}, {@code build}, Huawei's {@code r}/{@code c}, a lone suffix letter as in
 *       {@code 1.2.3a}), and those compare alphabetically among themselves.</li>
 *   <li>Runs are compared position by position. At one position the kinds rank
 *       pre-release word &lt; end of string &lt; post-release word &lt; number, and an end of string
 *       against the number 0 is a tie, so {@code 1.2} = {@code 1.2.0}, {@code 3.4.1-rc1} &lt;
 *       {@code 3.4.1} &lt; {@code 3.4.1-sp1} &lt; {@code 3.4.1.1}.</li>
 * </ol>
 * Two versions are {@linkplain #equals equal} when they compare as 0 ({@code V1.2} equals
 * {@code 1.2.0}); {@link #raw()} keeps the string as written. A Huawei-style {@code B} build is a
 * pre-release of its C version ({@code V100R003C10B100} &lt; {@code V100R003C10} &lt;
 * {@code V100R003C10SPC100}), which is how those builds are used.
 */
public final class FirmwareVersion implements Comparable<FirmwareVersion> {

    private static final Map<String, Integer> PRE_RELEASE = Map.ofEntries(
            Map.entry("dev", 0), Map.entry("snapshot", 1),
            Map.entry("alpha", 2), Map.entry("beta", 3),
            Map.entry("milestone", 4),
            Map.entry("rc", 5), Map.entry("cr", 5), Map.entry("pre", 5), Map.entry("preview", 5));
    /** Single letters that mean a pre-release only when a number follows ({@code b12}, not {@code 1.2b}). */
    private static final Map<String, Integer> PRE_RELEASE_LETTER = Map.of("a", 2, "b", 3, "m", 4);
    private static final List<String> RELEASE = List.of("release", "final", "ga");

    private enum Kind { PRE, POST, NUMBER }

    /** One run: a number (digits without leading zeros), or a word with its rank. */
    private record Item(Kind kind, String text, int preRank) {
    }

    private final String raw;
    private final List<Item> items;

    private FirmwareVersion(String raw, List<Item> items) {
        this.raw = raw;
        this.items = items;
    }

    /** Parses a version string; it must contain at least one digit. */
    public static FirmwareVersion parse(String text) {
        Objects.requireNonNull(text, "version");
        String raw = text.trim();
        if (raw.isEmpty() || raw.chars().noneMatch(Character::isDigit)) {
            throw new IllegalArgumentException("not a version (no digits): \"" + text + "\"");
        }
        return new FirmwareVersion(raw, normalise(runs(raw.toLowerCase(Locale.ROOT))));
    }

    /** Whether {@link #parse} would accept the text. */
    public static boolean isVersion(String text) {
        return text != null && text.chars().anyMatch(Character::isDigit);
    }

    public String raw() {
        return raw;
    }

    private static boolean separator(char c) {
        return c == '.' || c == '_' || c == '-' || c == '+' || c == '~' || c == '/' || Character.isWhitespace(c);
    }

    private static List<String> runs(String s) {
        List<String> runs = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (separator(c)) {
                i++;
                continue;
            }
            int start = i;
            boolean digits = Character.isDigit(c);
            while (i < s.length() && !separator(s.charAt(i)) && Character.isDigit(s.charAt(i)) == digits) {
                i++;
            }
            runs.add(s.substring(start, i));
        }
        return runs;
    }

    private static List<Item> normalise(List<String> runs) {
        int first = 0;
        while (!Character.isDigit(runs.get(first).charAt(0))) {
            first++; // product prefix
        }
        List<Item> items = new ArrayList<>();
        for (int i = first; i < runs.size(); i++) {
            String run = runs.get(i);
            if (Character.isDigit(run.charAt(0))) {
                String n = run.replaceFirst("^0+(?=.)", "");
                items.add(new Item(Kind.NUMBER, n, 0));
                continue;
            }
            if (RELEASE.contains(run)) {
                continue;
            }
            boolean numberFollows = i + 1 < runs.size() && Character.isDigit(runs.get(i + 1).charAt(0));
            Integer rank = PRE_RELEASE.get(run);
            if (rank == null && numberFollows) {
                rank = PRE_RELEASE_LETTER.get(run);
            }
            items.add(rank != null ? new Item(Kind.PRE, run, rank) : new Item(Kind.POST, run, 0));
        }
        // Trailing zeros say nothing: 1.2.0 is 1.2 (and 1.2.0-rc1 keeps its zero, it is not trailing).
        int end = items.size();
        while (end > 0 && items.get(end - 1).kind == Kind.NUMBER && items.get(end - 1).text.equals("0")) {
            end--;
        }
        return Collections.unmodifiableList(new ArrayList<>(items.subList(0, end)));
    }

    @Override
    public int compareTo(FirmwareVersion other) {
        int n = Math.max(items.size(), other.items.size());
        for (int i = 0; i < n; i++) {
            Item a = i < items.size() ? items.get(i) : null;
            Item b = i < other.items.size() ? other.items.get(i) : null;
            int c = compareItems(a, b);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Rank of a position's kind: pre-release word, end of string, post-release word, number. */
    private static int kindRank(Item item) {
        if (item == null) {
            return 1;
        }
        switch (item.kind) {
            case PRE:
                return 0;
            case POST:
                return 2;
            default:
                return 3;
        }
    }

    private static int compareItems(Item a, Item b) {
        if (a == null && b == null) {
            return 0;
        }
        // End of string against 0 is a tie (1.2 = 1.2.0.0 even in the middle of a comparison).
        if (a == null && b.kind == Kind.NUMBER && b.text.equals("0")) {
            return 0;
        }
        if (b == null && a.kind == Kind.NUMBER && a.text.equals("0")) {
            return 0;
        }
        int byKind = Integer.compare(kindRank(a), kindRank(b));
        if (byKind != 0 || a == null) {
            return byKind;
        }
        switch (a.kind) {
            case NUMBER:
                int byLength = Integer.compare(a.text.length(), b.text.length());
                return byLength != 0 ? byLength : a.text.compareTo(b.text);
            case PRE:
                int byRank = Integer.compare(a.preRank, b.preRank);
                return byRank;
            default:
                return a.text.compareTo(b.text);
        }
    }

    public boolean isNewerThan(FirmwareVersion other) {
        return compareTo(other) > 0;
    }

    public boolean isOlderThan(FirmwareVersion other) {
        return compareTo(other) < 0;
    }

    /** Whether any run is a pre-release word ({@code rc}, {@code beta}, ...). */
    public boolean isPreRelease() {
        return items.stream().anyMatch(i -> i.kind == Kind.PRE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirmwareVersion && compareTo((FirmwareVersion) o) == 0;
    }

    @Override
    public int hashCode() {
        // Pre-release words of one rank are equal whatever their spelling (rc = cr), so hash the rank.
        int h = 1;
        for (Item item : items) {
            h = 31 * h + (item.kind == Kind.PRE ? 1000 + item.preRank : item.text.hashCode());
        }
        return h;
    }

    @Override
    public String toString() {
        return raw;
    }
}
