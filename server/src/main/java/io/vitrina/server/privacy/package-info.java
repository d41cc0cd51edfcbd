/**
 * Privacy: a shopper's export, erasure and consent (docs/PRIVACY.md).
 *
 * <p>Entry point: {@link io.vitrina.server.privacy.PrivacyCapability} ({@code GET|DELETE
 * /v1/admin/profiles}, {@code PUT /v1/admin/profiles/consent}). A shopper is all their ids ({@link
 * io.vitrina.server.privacy.ShopperIds}); what is kept of them is a list of {@link
 * io.vitrina.server.privacy.ShopperData} sections, each a field of the export and its part of the
 * erasure's transaction ({@link io.vitrina.server.privacy.StoredSections} for the tables, {@link
 * io.vitrina.server.privacy.ProfileSections} for memory). {@link io.vitrina.server.privacy.Erasure}
 * deletes, tells every node through the log (an internal {@code shopper_erased} event naming the
 * keys by digests) and sweeps what was in flight.
 *
 * <p>To extend: a capability that keeps something per shopper adds a section in one line, {@code
 * privacy.add(section)}; {@code segments} and {@code triggers} are reserved (null until added).
 * Without personalization consent a shopper is answered as the global holdout is ({@link
 * io.vitrina.server.recommend.Personalization}); triggers ask {@code
 * ProfileStore#marketingConsent(key)} before delivering.
 */
package io.vitrina.server.privacy;
