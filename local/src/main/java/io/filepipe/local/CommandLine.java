package io.filepipe.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The commands of {@code filepipe-local}, the options each one takes, and the parsing of one
 * command line. A command accepts only its own options; an option it does not take, a missing
 * value or a malformed port is a {@link UsageException} whose message is one line naming the
 * command's options.
 */
final class CommandLine {

    static final String PROGRAM = "filepipe-local";
    private static final String VERSION_RESOURCE = "/filepipe-local-version.properties";

    private CommandLine() {
    }

    /**
     * An option: its flag, the name of its value (null for a switch), whether it may be given any
     * number of times, its default (null when it has none), one line of help.
     */
    record Option(String flag, String valueName, boolean isPort, boolean isRepeatable, String defaultValue,
                  String help) {

        static Option text(String flag, String valueName, Object defaultValue, String help) {
            return new Option(flag, valueName, false, false, String.valueOf(defaultValue), help);
        }

        static Option port(String flag, int defaultValue, String help) {
            return new Option(flag, "P", true, false, Integer.toString(defaultValue), help);
        }

        static Option flag(String flag, String help) {
            return new Option(flag, null, false, false, null, help);
        }

        /** An option with a value and no default: absent unless given. */
        static Option optional(String flag, String valueName, String help) {
            return new Option(flag, valueName, false, false, null, help);
        }

        /** An option with a value and no default that may be given any number of times. */
        static Option repeatable(String flag, String valueName, String help) {
            return new Option(flag, valueName, false, true, null, help);
        }

        boolean hasDefault() {
            return defaultValue != null;
        }

        boolean isSwitch() {
            return valueName == null;
        }

        String synopsis() {
            return "[" + flag + (isSwitch() ? "" : " " + valueName) + "]";
        }
    }

    private static final Option STACK_DATA_DIR = Option.text("--data-dir", "D", StackOptions.DEFAULT_DATA_DIR,
            "the stack's directory: data, checkpoints, executions, logs and stack.json");

    /** The commands, in the order help lists them. */
    enum Command {
        UP("run the whole pipeline (backends, API, pipe, workflow, processor) in the foreground until Ctrl-C",
                Option.port("--port", StackOptions.DEFAULT_PORT, "the API's port; 0 picks a free one"),
                Option.text("--host", "H", StackOptions.DEFAULT_HOST, "the API's listen address"),
                STACK_DATA_DIR,
                Option.flag("--in-memory", "keep DynamoDB and S3 data in memory: nothing survives a stop"),
                Option.repeatable("--webhook", "URL", "POST every result event there too (repeatable)")),
        TOKEN("print an IdToken from the running stack",
                Option.text("--user", "NAME", "dev", "whom the token is for"),
                STACK_DATA_DIR),
        RECONCILE("re-drive stuck files of the running stack now, remove orphaned uploads, print the report",
                STACK_DATA_DIR),
        DEMO("upload four kinds of file and check that each ends as it should (starts an in-memory stack if none runs)",
                STACK_DATA_DIR),
        LOGS("print the stack's result and request lines as a table",
                STACK_DATA_DIR,
                Option.flag("--follow", "keep printing lines as they are written, until Ctrl-C"),
                Option.optional("--file", "ID", "only the lines about the file ID")),
        BACKENDS("run only DynamoDB Local, the S3 server and the token issuer, to start the API or the processor by hand",
                Option.text("--data-dir", "D", ".filepipe-dev", "where their data and the signing key live"),
                Option.port("--dynamodb-port", 8000, "DynamoDB Local's port"),
                Option.port("--s3-port", 9000, "the S3 server's port"),
                Option.port("--issuer-port", 9100, "the token issuer's port")),
        UPLOAD("FILE", "upload FILE to the running stack (or to --api with --token), wait for its processing and print the result",
                Option.optional("--comment", "C", "the file's comment"),
                Option.optional("--api", "URL", "a deployed API instead of the stack in --data-dir (needs --token)"),
                Option.optional("--token", "T", "the IdToken for --api"),
                Option.text("--data-dir", "D", StackOptions.DEFAULT_DATA_DIR,
                        "the running stack whose API and token to use; also where interrupted uploads are remembered"),
                Option.flag("--no-wait", "return once the file is uploaded, without waiting for its processing"),
                Option.text("--parallel", "N", 4, "how many parts of a large file are sent at once"));

        private final String argument;
        private final String summary;
        private final List<Option> options;

        Command(String summary, Option... options) {
            this(null, summary, options);
        }

        /** A command taking one positional {@code argument} (its name in help), required. */
        Command(String argument, String summary, Option... options) {
            this.argument = argument;
            this.summary = summary;
            this.options = List.of(options);
        }

        Optional<String> argument() {
            return Optional.ofNullable(argument);
        }

        String commandName() {
            return name().toLowerCase(Locale.ROOT);
        }

        String summary() {
            return summary;
        }

        List<Option> options() {
            return options;
        }

        String synopsis() {
            return options.stream().map(Option::synopsis).collect(Collectors.joining(" ",
                    commandName() + " " + argument().map(a -> a + " ").orElse(""), ""));
        }

        static Optional<Command> named(String name) {
            return Arrays.stream(values()).filter(c -> c.commandName().equals(name)).findFirst();
        }

        private Optional<Option> option(String flag) {
            return options.stream().filter(o -> o.flag().equals(flag)).findFirst();
        }
    }

    /** What a command line asks for. */
    sealed interface Request {
    }

    /** Print help: the list of commands, or one command's options. */
    record Help(Optional<Command> command) implements Request {

        String text() {
            return command.map(CommandLine::help).orElseGet(CommandLine::help);
        }
    }

    /** Print the version. */
    record Version() implements Request {
    }

    /** Run a command with its positional argument (if it takes one) and its options' values (defaults filled in). */
    record Run(Command command, Optional<String> argument, Map<String, String> values) implements Request {

        Run(Command command, Map<String, String> values) {
            this(command, Optional.empty(), values);
        }

        Run {
            values = Map.copyOf(values);
        }

        /** The value of an option without a default, if it was given. */
        Optional<String> given(String flag) {
            return Optional.ofNullable(values.get(known(flag).flag()));
        }

        /** A value that must be a positive whole number. */
        int positive(String flag) {
            String value = text(flag);
            if (value.isEmpty() || value.length() > 4 || !value.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(value) < 1) {
                throw misuse(command, flag + " needs a whole number 1-9999, not '" + value + "'");
            }
            return Integer.parseInt(value);
        }

        /** Every value a repeatable option was given, in order (none if it was not given). */
        List<String> texts(String flag) {
            String joined = values.get(known(flag).flag());
            return joined == null ? List.of() : List.of(joined.split("\n"));
        }

        String text(String flag) {
            return values.get(known(flag).flag());
        }

        Path path(String flag) {
            return Path.of(text(flag)).toAbsolutePath().normalize();
        }

        int port(String flag) {
            return Integer.parseInt(text(flag));
        }

        /** Whether a switch (an option without a value) was given. */
        boolean isSet(String flag) {
            return values.containsKey(known(flag).flag());
        }

        private Option known(String flag) {
            return command.option(flag).orElseThrow(() -> new IllegalArgumentException(
                    command.commandName() + " has no option " + flag));
        }
    }

    /** A command line that cannot be run; the message is one line, without the program name. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static Request parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("a command is required (" + commandNames() + "; --help for more)");
        }
        String first = args[0];
        if (first.equals("--help") || first.equals("-h") || first.equals("help")) {
            return switch (args.length) {
                case 1 -> new Help(Optional.empty());
                case 2 -> new Help(Optional.of(Command.named(args[1]).orElseThrow(() -> unknownCommand(args[1]))));
                default -> throw new UsageException(first + " takes at most one command (" + commandNames() + ")");
            };
        }
        if (first.equals("--version")) {
            if (args.length > 1) {
                throw new UsageException("--version takes no arguments");
            }
            return new Version();
        }
        Command command = Command.named(first).orElseThrow(() -> unknownCommand(first));
        Map<String, String> values = new HashMap<>();
        String argument = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Help(Optional.of(command));
            }
            if (!arg.startsWith("-") && command.argument().isPresent() && argument == null) {
                argument = arg;
                continue;
            }
            Option option = command.option(arg).orElseThrow(() -> misuse(command, arg.startsWith("-")
                    ? "unknown option '" + arg + "'" : "unexpected argument '" + arg + "'"));
            if (values.containsKey(option.flag()) && !option.isRepeatable()) {
                throw misuse(command, option.flag() + " is given twice");
            }
            if (option.isSwitch()) {
                values.put(option.flag(), "true");
                continue;
            }
            if (i + 1 == args.length) {
                throw misuse(command, option.flag() + " needs a value");
            }
            String value = args[++i];
            if (option.isPort() && !isPort(value)) {
                throw misuse(command, option.flag() + " needs a port number 0-65535, not '" + value + "'");
            }
            if (option.isRepeatable() && value.contains("\n")) {
                throw misuse(command, option.flag() + " takes a value on one line");
            }
            values.merge(option.flag(), value, (earlier, later) -> earlier + "\n" + later);
        }
        if (argument == null && command.argument().isPresent()) {
            throw misuse(command, command.argument().get() + " is required");
        }
        for (Option option : command.options()) {
            if (!option.isSwitch() && option.hasDefault()) {
                values.putIfAbsent(option.flag(), option.defaultValue());
            }
        }
        return new Run(command, Optional.ofNullable(argument), values);
    }

    private static boolean isPort(String value) {
        if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return Integer.parseInt(value) <= 65_535;
    }

    private static UsageException unknownCommand(String name) {
        return new UsageException("unknown command '" + name + "' (" + commandNames() + "; --help for more)");
    }

    private static UsageException misuse(Command command, String problem) {
        String takes = command.argument().map(a -> a + " ").orElse("")
                + command.options().stream().map(Option::synopsis).collect(Collectors.joining(" "));
        return new UsageException(command.commandName() + ": " + problem + " (" + command.commandName() + " takes "
                + takes + ")");
    }

    private static String commandNames() {
        return "commands: " + Arrays.stream(Command.values()).map(Command::commandName).collect(Collectors.joining(", "));
    }

    /** The list of commands, one line each. */
    static String help() {
        StringBuilder out = new StringBuilder("usage: " + PROGRAM + " <command> [options]\n\ncommands:\n");
        for (Command command : Command.values()) {
            out.append(String.format("  %-10s %s%n", command.commandName(), command.summary()));
        }
        return out.append("\n").append(PROGRAM).append(" <command> --help lists a command's options; ").append(PROGRAM)
                .append(" --version prints the version.\n").toString();
    }

    /** One command's synopsis and options. */
    static String help(Command command) {
        StringBuilder out = new StringBuilder("usage: " + PROGRAM + " " + command.synopsis() + "\n"
                + command.summary() + "\n\n");
        for (Option option : command.options()) {
            String name = option.flag() + (option.isSwitch() ? "" : " " + option.valueName());
            String help = option.help() + (option.hasDefault() ? " (default " + option.defaultValue() + ")" : "");
            out.append(String.format("  %-19s %s%n", name, help));
        }
        return out.toString();
    }

    /** The version Maven filtered into the jar. */
    static String version() {
        try (InputStream in = CommandLine.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(VERSION_RESOURCE + " is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
