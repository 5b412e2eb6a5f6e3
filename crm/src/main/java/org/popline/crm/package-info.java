/**
 * Dataverse client and the embedded Dataverse emulator. Not built yet: see issue "CRM: Dataverse
 * client with OAuth 2.0 (MSAL4J) and an embedded Dataverse emulator". Depends on nothing of calls.
 */
package org.popline.crm;
