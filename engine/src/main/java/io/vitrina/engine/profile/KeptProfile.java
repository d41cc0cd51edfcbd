package io.vitrina.engine.profile;

/**
 * One kept profile as segment rules read it: its key ({@code c:…} or {@code v:…}), its view and its
 * activity, copied together.
 */
public record KeptProfile(String key, ProfileView view, Activity activity) {}
