// Every test file here starts servers and reads files of the checkout: the helpers are
// imported once for the whole target.
@_exported import ServerTestSupport
@_exported import TestSupport
