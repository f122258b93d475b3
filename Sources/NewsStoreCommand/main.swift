import Glibc

/// `newsstore`: command-line parsing and wiring only; everything else lives in the modules.
let usage = """
    Usage: newsstore <command> [options]

    Commands:
      serve       run the HTTP API server
      migrate     create or upgrade the database, then exit
      token       create, list or revoke API tokens (a person's, with a role)
      import      create articles from JSON lines (bulk load)
      backup      copy the database online to a new file, checked
      restore     put a backup in place of the database (server stopped)
      audit       show the audit log, or prune its oldest rows
      healthcheck exit 0 when a running server is ready (for container health checks)

    Run 'newsstore <command> --help' for a command's options.

    Options:
      -h, --help     show this help
      --version      print the version
    """

let commands: [String: (help: String, run: (ArraySlice<String>, [String: String]) throws -> Int32)] = [
    "serve": (ServeCommand.help, ServeCommand.run),
    "migrate": (MigrateCommand.help, MigrateCommand.run),
    "token": (TokenCommand.help, TokenCommand.run),
    "import": (ImportCommand.help, ImportCommand.run),
    "backup": (BackupCommand.help, BackupCommand.run),
    "restore": (RestoreCommand.help, RestoreCommand.run),
    "audit": (AuditCommand.help, AuditCommand.run),
    "healthcheck": (HealthcheckCommand.help, HealthcheckCommand.run),
]

let arguments = CommandLine.arguments.dropFirst()
let status: Int32
switch arguments.first {
case "--version":
    print("newsstore \(Version.current)")
    status = 0
case "-h", "--help":
    print(usage)
    status = 0
case nil:
    printError(usage)
    status = 2
case let name? where commands[name] != nil:
    let command = commands[name]!
    let rest = arguments.dropFirst()
    if rest.contains("--help") || rest.contains("-h") {
        print(command.help)
        status = 0
    } else {
        do {
            status = try command.run(rest, Environment.variables())
        } catch let error as UsageError {
            printError("newsstore \(name): \(error)\nTry 'newsstore \(name) --help'.")
            status = 2
        } catch {
            printError("newsstore \(name): \(error)")
            status = 1
        }
    }
case let name?:
    printError("newsstore: unknown command '\(name)'\n\(usage)")
    status = 2
}
exit(status)
