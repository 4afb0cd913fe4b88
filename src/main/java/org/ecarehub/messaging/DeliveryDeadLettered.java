package org.ecarehub.messaging;

import org.ecarehub.shared.AgencyId;

/** A delivery was given up after its last attempt: administrators must see to it. */
public record DeliveryDeadLettered(DeliveryId delivery, String topic, String focus, Channel channel, AgencyId agency) {}
