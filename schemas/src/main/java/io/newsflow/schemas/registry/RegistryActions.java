package io.newsflow.schemas.registry;

/** How error messages name each registry call, the same for every client. */
final class RegistryActions {
    private RegistryActions() {}

    static String register(String subject) {
        return "register a schema under subject '" + subject + "'";
    }

    static String fetchId(int id) {
        return "fetch schema id " + id;
    }

    static String fetchVersion(String subject, String version) {
        return "fetch version " + version + " of subject '" + subject + "'";
    }

    static String lookup(String subject) {
        return "look up a schema in subject '" + subject + "'";
    }

    static String checkCompatibility(String subject) {
        return "check compatibility with subject '" + subject + "'";
    }

    static String readLevel(String subject) {
        return "read the compatibility level of subject '" + subject + "'";
    }

    static String setLevel(String subject, CompatibilityLevel level) {
        return "set the compatibility level of subject '" + subject + "' to " + level;
    }
}
