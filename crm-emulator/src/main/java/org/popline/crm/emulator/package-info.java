/**
 * The embedded Dataverse emulator, Popline's default CRM: an Entra-style token endpoint, the Web API for
 * {@code contacts} and {@code incidents}, and the screen-pop forms, over HTTPS with a generated lab certificate.
 * Embed with {@link org.popline.crm.emulator.DataverseEmulator#start}; run alone with
 * {@link org.popline.crm.emulator.DataverseEmulatorMain}. Query parsing lives in {@code odata}.
 */
package org.popline.crm.emulator;
