package org.ecarehub.consent.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecarehub.consent.DecisionArea;
import org.ecarehub.consent.Recipient;
import org.ecarehub.partnership.Category;
import org.ecarehub.person.Actor;
import org.ecarehub.shared.AgencyId;

/** How the module's tables write sets of codes and who acted, and read them back. */
final class Codes {

    private Codes() {}

    static String categories(Collection<Category> categories) {
        return join(categories, Category::code);
    }

    static Set<Category> categories(String codes) {
        return split(
                codes,
                code -> Category.fromCode(code)
                        .orElseThrow(() -> new IllegalStateException("a stored category code is unknown: " + code)));
    }

    static String recipients(List<Recipient> recipients) {
        return recipients.stream().map(Recipient::code).collect(Collectors.joining(","));
    }

    static List<Recipient> recipients(String codes) {
        return codes.isEmpty()
                ? List.of()
                : Arrays.stream(codes.split(",")).map(Recipient::fromCode).toList();
    }

    static String areas(Collection<DecisionArea> areas) {
        return join(areas, DecisionArea::name);
    }

    static Set<DecisionArea> areas(String codes) {
        return split(codes, DecisionArea::valueOf);
    }

    static List<String> categoryCodes(Collection<Category> categories) {
        return categories.stream().sorted().map(Category::code).toList();
    }

    /** The four columns that say who acted: reference, agency, roles and configuration version. */
    static Object[] actor(Actor actor) {
        return new Object[] {
            actor.reference(),
            actor.agency() == null ? null : actor.agency().value(),
            String.join(",", actor.roles()),
            actor.configurationVersion()
        };
    }

    /** Reads who acted from the columns {@code prefix}, {@code prefix_agency}, {@code _roles} and {@code _version}. */
    static Actor actor(ResultSet row, String prefix) throws SQLException {
        String reference = row.getString(prefix);
        String agency = row.getString(prefix + "_agency");
        String roles = row.getString(prefix + "_roles");
        int colon = reference.indexOf(':');
        return new Actor(
                reference.substring(0, colon),
                reference.substring(colon + 1),
                agency == null ? null : AgencyId.of(agency),
                roles == null || roles.isEmpty() ? List.of() : List.of(roles.split(",")),
                row.getInt(prefix + "_version"));
    }

    static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static LocalDate date(ResultSet row, String column) throws SQLException {
        java.sql.Date date = row.getDate(column);
        return date == null ? null : date.toLocalDate();
    }

    static java.sql.Date date(LocalDate day) {
        return day == null ? null : java.sql.Date.valueOf(day);
    }

    /** In declaration order, so that one set is always written alike. */
    private static <E extends Enum<E>> String join(Collection<E> values, Function<E, String> code) {
        return values.stream().distinct().sorted().map(code).collect(Collectors.joining(","));
    }

    private static <E> Set<E> split(String codes, Function<String, E> parse) {
        return codes == null || codes.isEmpty()
                ? Set.of()
                : Arrays.stream(codes.split(",")).map(parse).collect(Collectors.toUnmodifiableSet());
    }
}
