package org.ecarehub.identity;

import java.util.List;
import org.ecarehub.partnership.Agency;
import org.ecarehub.partnership.Purpose;
import org.ecarehub.partnership.StaffAccount;

/** A signed-in staff member as the partnership in force describes them, with the purpose of this request. */
public record StaffCaller(
        StaffAccount account, Agency agency, List<String> roleNames, List<String> teamNames, Purpose purpose) {}
