export const MAIN_HELP = `Usage: ossproc <command> [options]

Lint, explain and format Alibaba Cloud OSS/IMM processing strings
(x-oss-process / x-oss-async-process values).

Commands:
  lint [paths...]        Check processing strings in files, directories and globs (the default command)
  explain "<string>"     Say what a processing string does, step by step
  fmt [paths...]         Rewrite .ossproc files in canonical form
  init                   Write an ossproc.config.json for this project
  rules [rule-id]        List the rules, or show one rule's documentation
  preview "<string>" <file>  Run a string on a local file (ffmpeg, sharp) and check the result
  serve <dir>            Serve a folder as a local bucket that answers ?x-oss-process

Options:
  -h, --help             Show help (ossproc <command> --help for a command's options)
  -v, --version          Print the version

Environment: NO_COLOR=1 turns colour off; FORCE_COLOR=1 on, FORCE_COLOR=0 off (also on a terminal).
Exit codes: 0 clean, 1 problems (errors, or more warnings than --max-warnings), 2 usage or fatal error.
Documentation: https://github.com/ossproc/ossproc/blob/main/docs/cli.md
`;

export const LINT_HELP = `Usage: ossproc lint [paths...] [options]
       ossproc lint --stdin [--stdin-filename path] [options]

Paths are files, directories (walked) or quoted globs; none means the current directory.
A directory walk takes *.ossproc, *.json, *.yaml, *.yml and *.xml files; source code, Markdown and HTML
are read when named, matched by a glob, or matched by "include" in ossproc.config.json. node_modules,
.git, .gitignore'd files and the config's "ignore" patterns are skipped.

Input:
  --stdin                        Lint standard input (read as .ossproc unless --stdin-filename says otherwise)
  --stdin-filename <path>        Name for stdin: picks the reader (by extension) and the config
  --ignore-pattern <pattern>     Skip files matching this gitignore-style pattern (relative to the current
                                 directory) in walks and globs (repeatable)
  --no-ignore                    Do not apply .gitignore files, "ignore" and --ignore-pattern patterns

Output:
  -f, --format <name>            stylish (default), json, sarif, github, gitlab (Code Quality)
  -o, --output-file <path>       Write the report to a file (never coloured; a one-line summary on stderr)
  --quiet                        Report errors only
  --max-warnings <n>             Exit 1 when there are more than n warnings (info counts as a warning)
  --color, --no-color            Force colours on or off (default: on a TTY; FORCE_COLOR=0/1 and NO_COLOR decide
                                 otherwise)
  --exit-zero                    Exit 0 even when problems are found (2 still means a usage or fatal error)

Checking:
  --mode <auto|sync|async>       How bare strings are sent (default auto: as their actions need)
  --source-key <key>             The source object's key (reports outputs that overwrite it)
  --rule <id:severity>           Set a rule's severity: off, info, warn, error (repeatable)
  -c, --config <path>            Use this config file (no ossproc.config.json is looked for)
  --print-config <path>          Print the configuration that applies to a file, and exit
  --report-unused-disable-directives
                                 Warn about ossproc-disable comments that suppress nothing

Fixing:
  --fix                          Apply certain fixes to the files, then report what remains (and, on stderr,
                                 "fixed N problems in M files")
  --fix-dry-run                  Apply fixes in memory only (--format json shows the text as "output")

Other:
  --concurrency <auto|off|n>     Worker threads for large .ossproc files (default auto: one per free core, at
                                 most 4, when two or more are free and the checks give each a second of work)
  --debug                        Notes about the run on stderr; stack traces for internal errors
  -h, --help                     Show this help

Rules are documented at https://github.com/ossproc/ossproc/blob/main/docs/rules/<rule-id>.md
Exit codes: 0 clean, 1 errors or too many warnings, 2 usage or fatal error (also a file that cannot be read).
`;

export const EXPLAIN_HELP = `Usage: ossproc explain "<processing string>" [options]
       ossproc explain --stdin [options]

Says what the string does: its mode, each action and parameter, defaults filled in, base64 decoded;
then the problems lint would report. A pasted URL (https://…?x-oss-process=… or ?x-oss-process=…) is read
as the value of its parameter. Exit 1 when the string has errors.

Options:
  -f, --format <text|json>       text (default) or the Explanation object as JSON
  --mode <auto|sync|async>       How a bare string is sent (default auto)
  --stdin                        Read the string from standard input
  -h, --help                     Show this help
`;

export const FMT_HELP = `Usage: ossproc fmt [paths...] [options]
       ossproc fmt --stdin

Rewrites each string line of .ossproc files in canonical form (core's format(): separators only where
they belong, no whitespace, no empty parameters); comments, blank lines and line endings are kept.
Directories are walked for *.ossproc files; none means the current directory.

Options:
  --check                        Change nothing; list the files that would change and exit 1 if any
  --stdin                        Format standard input to standard output
  --no-ignore                    Do not apply .gitignore files and "ignore" patterns
  -h, --help                     Show this help
`;

export const INIT_HELP = `Usage: ossproc init [--force]

Writes ossproc.config.json in the current directory: "$schema" (the installed package's schema, else its
URL), and "include" globs for the source code, Markdown and HTML found in the project, which a directory
walk does not read on its own. --force overwrites an existing file.
`;

export const RULES_HELP = `Usage: ossproc rules [rule-id] [options]

Without an id: every rule, its default severity, whether --fix corrects it (fix) and whether it offers
suggestions (sug). With an id: the rule's documentation, with examples checked now.

Options:
  -f, --format <text|json>       text (default) or JSON
  --color, --no-color            Force colours on or off
  -h, --help                     Show this help
`;
