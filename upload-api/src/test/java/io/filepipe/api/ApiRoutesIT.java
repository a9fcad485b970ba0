package io.filepipe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.filepipe.api.support.ApiTestStack;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiRoutesIT {

    @Test
    void theRoutesApiGatewayIsGivenAreExactlyTheRoutesTheServerServes() {
        List<String> served = ApiTestStack.shared().api.routes();
        Set<String> listed = new HashSet<>(ApiRoutes.PUBLIC);
        listed.addAll(ApiRoutes.AUTHENTICATED);

        assertEquals(served.size(), Set.copyOf(served).size(), "no route registered twice: " + served);
        assertEquals(listed, Set.copyOf(served));
        assertEquals(ApiRoutes.PUBLIC.size() + ApiRoutes.AUTHENTICATED.size(), listed.size(), "no route in both lists");
    }
}
