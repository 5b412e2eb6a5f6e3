package org.popline.crm.emulator.odata;

/** One lexical unit of an OData {@code $filter}; {@code position} is 0-based, as Dataverse reports it. */
record FilterToken(Kind kind, String text, int position) {

    enum Kind { OPEN, CLOSE, COMMA, STRING, NUMBER, GUID, DATETIME, WORD, END }

    boolean isWord(String word) {
        return kind == Kind.WORD && text.equals(word);
    }
}
