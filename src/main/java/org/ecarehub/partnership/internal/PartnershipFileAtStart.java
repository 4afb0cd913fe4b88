package org.ecarehub.partnership.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecarehub.partnership.Partnerships;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Applies the file named by {@code --partnership} when the hub starts, before it takes any request. */
@Component
class PartnershipFileAtStart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(PartnershipFileAtStart.class);

    private final Partnerships partnerships;
    private final String file;

    PartnershipFileAtStart(Partnerships partnerships, @Value("${ecare.partnership-file:}") String file) {
        this.partnerships = partnerships;
        this.file = file;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (file.isBlank()) {
            return;
        }
        Path path = Path.of(file);
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the partnership file " + path, e);
        }
        int version = partnerships
                .apply(path.toString(), text, "ecare serve --partnership")
                .version();
        log.info("Partnership configuration version {} in force", version);
    }
}
