package io.vitrina.engine.audience;

/**
 * One shopper of an audience.
 *
 * @param key the profile key ({@code c:} a customer, {@code v:} a visitor)
 * @param score how close to the audience's target, comparable within one answer only
 */
public record AudienceMember(String key, float score) {}
