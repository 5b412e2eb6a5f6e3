package org.popline.crm.dataverse;

/** The incident's statecode. */
public enum CaseState {
  ACTIVE(0),
  RESOLVED(1),
  CANCELED(2);

  private final int code;

  CaseState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static CaseState ofCode(int code) {
    for (CaseState s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown incident statecode " + code);
  }
}
