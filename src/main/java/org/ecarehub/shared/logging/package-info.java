/** Logback glue that sends every log line through the redactor. */
package org.ecarehub.shared.logging;
