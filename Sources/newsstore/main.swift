import Glibc

/// `newsstore`: command-line parsing and wiring only; everything else lives in the modules.
let usage = """
    Usage: newsstore <command> [options]

    Commands:
      serve       run the HTTP API server (newsstore serve --help for its options)

    Options:
      -h, --help     show this help
      --version      print the version
    """

let arguments = CommandLine.arguments.dropFirst()
let environment = Environment.variables()
let status: Int32
switch arguments.first {
case "serve":
    let rest = arguments.dropFirst()
    if rest.contains("--help") || rest.contains("-h") {
        print(ServeCommand.help)
        status = 0
    } else {
        do {
            status = try ServeCommand.run(rest, environment: environment)
        } catch let error as UsageError {
            printError("newsstore serve: \(error)\nTry 'newsstore serve --help'.")
            status = 2
        }
    }
case "--version":
    print("newsstore \(Version.current)")
    status = 0
case "-h", "--help", nil:
    print(usage)
    status = arguments.isEmpty ? 2 : 0
case let command?:
    printError("newsstore: unknown command '\(command)'\n\(usage)")
    status = 2
}
exit(status)
