package org.ecarehub.partnership;

import java.util.List;
import java.util.Optional;
import org.ecarehub.partnership.PartnershipFile.Problem;
import org.ecarehub.shared.Username;

/** The partnership configuration in force, and the one way to change it: applying a whole file. */
public interface Partnerships {

    /** The configuration in force on this node; at most the refresh interval behind another node's change. */
    PartnershipSnapshot current();

    /**
     * Applies a partnership file all or nothing, as a new configuration version; a file identical to the one in
     * force changes nothing and returns the current version.
     *
     * @throws PartnershipRejected with every problem found, when the file is not valid; nothing is changed
     * @throws org.ecarehub.transparency.LogUnavailable when the transparency log cannot record the change; nothing
     *     is changed
     */
    PartnershipSnapshot apply(String source, String yamlText, String appliedBy);

    /** The account, when it and its agency are active members of the partnership in force (POLICY.md rule 1). */
    default Optional<StaffAccount> activeStaff(Username username) {
        PartnershipSnapshot snapshot = current();
        return snapshot.partnership()
                .staff(username)
                .filter(StaffAccount::active)
                .filter(account -> snapshot.partnership()
                        .agency(account.agency())
                        .map(Agency::active)
                        .orElse(false));
    }

    /** Thrown when a partnership file is refused; carries every problem with its line. */
    final class PartnershipRejected extends RuntimeException {

        private final transient List<Problem> problems;

        public PartnershipRejected(List<Problem> problems) {
            super("the partnership file has " + problems.size() + " problem(s): " + problems.get(0));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }
}
