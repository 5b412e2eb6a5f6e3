package org.popline.crm.dataverse;

import java.util.Optional;

/**
 * Who is calling and their latest case, as one lookup found them.
 *
 * @param contact the contact whose phone columns hold the caller's number (or why there is none)
 * @param latestCase the contact's newest case; present only when exactly one contact was found
 */
public record CallerAnswer(LookupResult<Contact> contact, Optional<LookupResult<Case>> latestCase) {}
