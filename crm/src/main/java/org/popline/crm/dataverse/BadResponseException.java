package org.popline.crm.dataverse;

/** The Web API answered 200 with a body that is not the documented shape. */
final class BadResponseException extends Exception {
  BadResponseException(String message) {
    super(message);
  }

  BadResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
