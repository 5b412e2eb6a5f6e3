package org.popline.crm.emulator;

/** HTML escaping and the page frame the emulator's forms share; no external resources, so it works offline. */
final class Html {

    private static final String STYLE = "body{font-family:system-ui,Segoe UI,sans-serif;margin:0;background:#f3f2f1}"
            + "header{background:#002050;color:#fff;padding:10px 20px;font-size:14px}"
            + "main{max-width:760px;margin:20px auto;background:#fff;padding:20px 28px;border-radius:4px;"
            + "box-shadow:0 1px 3px rgba(0,0,0,.2)}h1{font-size:22px;margin:0 0 4px}"
            + ".sub{color:#605e5c;margin-bottom:18px}dl{display:grid;grid-template-columns:180px 1fr;gap:8px 12px}"
            + "dt{color:#605e5c}dd{margin:0}label{display:block;margin:10px 0 4px;color:#605e5c}"
            + "input,select,textarea{width:100%;padding:6px;box-sizing:border-box;font:inherit}"
            + "button{margin-top:16px;background:#0078d4;color:#fff;border:0;padding:8px 18px;font:inherit}"
            + ".error{color:#a4262c;margin:10px 0}table{border-collapse:collapse;width:100%}"
            + "td,th{text-align:left;padding:4px 6px;border-bottom:1px solid #edebe9}";

    private Html() {
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '&': out.append("&amp;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&#39;"); break;
                default: out.append(c);
            }
        }
        return out.toString();
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " - Dataverse emulator</title><style>" + STYLE + "</style></head><body>"
                + "<header>Dynamics 365 &middot; Popline Dataverse emulator</header><main>" + body
                + "</main></body></html>";
    }
}
