package io.vitrina.engine.profile;

/** One kept profile as segment rules read it: its key ({@code c:…} or {@code v:…}) and activity. */
public record KeptProfile(String key, Activity activity) {}
