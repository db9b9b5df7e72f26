/// The version of this build of Gleaner, shown by `--version` and `gleanerctl status`.
public enum GleanerVersion {
    public static let current = "0.1.0"
}
