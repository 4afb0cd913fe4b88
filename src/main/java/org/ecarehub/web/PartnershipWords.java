package org.ecarehub.web;

import org.ecarehub.partnership.Partnerships;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The names and words every page shows for the partnership's ids and the record's codes, from the configuration in
 * force when the page is asked for, so that a page never shows the names of a configuration since replaced.
 */
@ControllerAdvice(basePackageClasses = PartnershipWords.class)
class PartnershipWords {

    private final Partnerships partnerships;

    PartnershipWords(Partnerships partnerships) {
        this.partnerships = partnerships;
    }

    @ModelAttribute("names")
    Names names() {
        return new Names(partnerships.current().partnership());
    }

    @ModelAttribute("words")
    RecordWords words() {
        return new RecordWords(partnerships.current().partnership());
    }
}
