package org.ecarehub.demo;

import java.util.Map;
import org.ecarehub.shared.PersonId;
import org.ecarehub.support.RunningHub;

/** The ids of DEMO.md's story people in a running demo hub, by name, for tests outside this package. */
public final class DemoStoryPeople {

    private DemoStoryPeople() {}

    public static Map<String, PersonId> ids(RunningHub hub) {
        return DemoStoryPeopleIntegrationTests.storyPersons(hub);
    }
}
