/* The command-line tool's subcommands: one class per command, registered in Main. */
package io.mqttas.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code mqttas-cli}. */
interface Command {
    /** Exit codes: as mosquitto_pub/mosquitto_sub (0 done, 1 failed or bad arguments; a refused connection exits with the CONNACK code). */
    int OK = 0;
    int FAILED = 1;
    int BAD_INPUT = 2;
    int USAGE = 1;

    /** Arguments as shown in the help, e.g. {@code "<hex>"}. */
    String usage();

    /** One line for the help. */
    String summary();

    /** Runs the command; returns the process exit code. Never calls {@code System.exit}. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
