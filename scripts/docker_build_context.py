#!/usr/bin/env python3
"""Docker's build context and COPY instructions, emulated without a Docker engine.

scripts/verify-runtime-image.sh uses it to build the image's root from exactly the files a
`docker build .` would see, so that a file the Dockerfile copies but .dockerignore leaves out
fails here as it would there ("COPY web/ ...: not found").

  docker_build_context.py selftest
      checks the .dockerignore matcher against cases from Docker's documentation and tests.
  docker_build_context.py context REPO OUT
      copies into OUT the files of REPO that .dockerignore lets into the build context.
  docker_build_context.py copy DOCKERFILE CONTEXT STAGE ROOT [NAME=DIR ...]
      performs the COPY (and local ADD) instructions of stage STAGE (its name, its index or
      "last") into ROOT, which stands for that stage's /; `COPY --from=NAME` reads from DIR.
      Missing sources fail, as they fail the build.
  docker_build_context.py check DOCKERFILE CONTEXT
      the context's COPY sources of every stage exist (no --from): the early, cheap check.
  docker_build_context.py mirror SOURCE TARGET
      makes folder TARGET hold what SOURCE holds, rewriting only files whose bytes differ, so
      an incremental build in TARGET sees unchanged files as unchanged (a layer cache).

The .dockerignore rules are those of BuildKit (moby/buildkit dockerignore.ReadAll, then
moby/patternmatcher): lines starting with # are comments; each line is trimmed, a leading !
makes an exception; the rest is cleaned like Go's filepath.Clean and a leading / dropped.
A path is left out when the last pattern matching it, or one of its parent folders, is not an
exception. Patterns are Go filepath.Match patterns (* and ? stop at /, [classes], \\ escapes)
plus **, which matches any number of folders (none included).
"""
import os
import posixpath
import re
import shutil
import sys


# ---------------------------------------------------------------- .dockerignore

def go_clean(path):
    """Go's filepath.Clean on a slash path."""
    if path == "":
        return "."
    rooted = path.startswith("/")
    parts = []
    for part in path.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    cleaned = "/".join(parts)
    if rooted:
        return "/" + cleaned
    return cleaned or "."


def read_dockerignore(text):
    """The patterns of a .dockerignore, as BuildKit reads them ("!" kept in front)."""
    patterns = []
    for number, line in enumerate(text.split("\n")):
        if number == 0:
            line = line.lstrip("\ufeff")
        line = line.rstrip("\r")
        if line.startswith("#"):
            continue
        line = line.strip()
        if not line:
            continue
        exception = line.startswith("!")
        if exception:
            line = line[1:].strip()
        if line:
            line = go_clean(line)
            if len(line) > 1 and line.startswith("/"):
                line = line[1:]
        patterns.append(("!" if exception else "") + line)
    return patterns


def pattern_regex(pattern):
    """The regular expression moby/patternmatcher compiles a cleaned pattern into."""
    regex = "^"
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        i += 1
        if ch == "*":
            if i < n and pattern[i] == "*":
                i += 1
                if i < n and pattern[i] == "/":
                    i += 1
                regex += ".*" if i >= n else "(.*/)?"
            else:
                regex += "[^/]*"
        elif ch == "?":
            regex += "[^/]"
        elif ch == "\\":
            if i < n:
                regex += re.escape(pattern[i])
                i += 1
            else:
                regex += "\\\\"
        elif ch == "[":
            # A Go character class: [abc], [a-z], [^abc]; \ escapes inside it.
            j = i
            body = ""
            if j < n and pattern[j] == "^":
                body, j = "^", j + 1
            while j < n and pattern[j] != "]":
                if pattern[j] == "\\" and j + 1 < n:
                    body += re.escape(pattern[j + 1])
                    j += 2
                    continue
                body += pattern[j] if pattern[j] == "-" else re.escape(pattern[j])
                j += 1
            if j >= n:
                raise ValueError("syntax error in pattern %r: unclosed [" % pattern)
            regex += "[" + body + "]"
            i = j + 1
        else:
            regex += re.escape(ch)
    return re.compile(regex + "$", re.DOTALL)


class Matcher:
    """moby/patternmatcher's PatternMatcher with MatchesOrParentMatches."""

    def __init__(self, patterns):
        self.patterns = []
        for pattern in patterns:
            exception = pattern.startswith("!")
            if exception:
                pattern = pattern[1:]
                if not pattern:
                    raise ValueError('illegal exclusion pattern: "!"')
            self.patterns.append((exception, pattern, pattern_regex(pattern)))

    def excluded(self, path):
        """Whether the context leaves out `path` (slash-separated, relative to the context)."""
        parents = path.split("/")[:-1]
        matched = False
        for exception, _, regex in self.patterns:
            # A later pattern can only change the outcome the other way.
            if exception != matched:
                continue
            match = regex.match(path) is not None
            if not match:
                match = any(regex.match("/".join(parents[:k])) for k in range(1, len(parents) + 1))
            if match:
                matched = not exception
        return matched

    def may_include_below(self, folder):
        """Whether an exception could let in something under the left-out `folder`."""
        parts = folder.split("/")
        for exception, pattern, _ in self.patterns:
            if not exception:
                continue
            components = pattern.split("/")
            if any("**" in c for c in components[: len(parts) + 1]):
                return True
            if len(components) > len(parts) and all(
                pattern_regex(c).match(p) for c, p in zip(components, parts)
            ):
                return True
        return False


def context_files(repo):
    """(folders, files) of `repo` in its build context, as relative slash paths."""
    ignore = os.path.join(repo, ".dockerignore")
    patterns = []
    if os.path.exists(ignore):
        with open(ignore, encoding="utf-8") as handle:
            patterns = read_dockerignore(handle.read())
    matcher = Matcher(patterns)
    folders, files = [], []
    for current, subfolders, names in os.walk(repo):
        relative = os.path.relpath(current, repo)
        relative = "" if relative == "." else relative.replace(os.sep, "/")
        kept = []
        for name in sorted(subfolders):
            path = posixpath.join(relative, name) if relative else name
            if os.path.islink(os.path.join(current, name)):
                names.append(name)
                continue
            if not matcher.excluded(path):
                folders.append(path)
                kept.append(name)
            elif matcher.may_include_below(path):
                kept.append(name)
        subfolders[:] = kept
        for name in sorted(names):
            path = posixpath.join(relative, name) if relative else name
            if not matcher.excluded(path):
                files.append(path)
    # A file let in under a left-out folder brings the folder along.
    for path in files:
        parent = posixpath.dirname(path)
        while parent and parent not in folders:
            folders.append(parent)
            parent = posixpath.dirname(parent)
    return sorted(set(folders)), files


def make_context(repo, out):
    folders, files = context_files(repo)
    os.makedirs(out, exist_ok=True)
    for folder in folders:
        os.makedirs(os.path.join(out, folder), exist_ok=True)
    for path in files:
        shutil.copy2(os.path.join(repo, path), os.path.join(out, path), follow_symlinks=False)
    print("context: %d files in %d folders" % (len(files), len(folders)))


# ---------------------------------------------------------------- Dockerfile

def dockerfile_instructions(text):
    """(keyword, arguments) of each instruction, continuation lines joined, comments dropped."""
    lines = text.split("\n")
    for line in lines:
        if re.match(r"#\s*escape\s*=", line):
            raise ValueError("a Dockerfile escape directive is not supported")
        if line.strip() and not line.lstrip().startswith("#"):
            break
    instructions, current = [], ""
    for line in lines:
        if line.lstrip().startswith("#"):
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        current += line
        if current.strip():
            keyword, _, arguments = current.strip().partition(" ")
            instructions.append((keyword.upper(), arguments.strip()))
        current = ""
    return instructions


def split_arguments(arguments):
    """The words of an instruction: its JSON form or whitespace-separated."""
    if arguments.startswith("["):
        import json
        return json.loads(arguments)
    return arguments.split()


def stages(instructions):
    """[(name, index, [instruction, ...])], one per FROM."""
    found = []
    for keyword, arguments in instructions:
        if keyword == "FROM":
            words = arguments.split()
            flags = [w for w in words if w.startswith("--")]
            words = [w for w in words if not w.startswith("--")]
            name = words[2].lower() if len(words) >= 3 and words[1].lower() == "as" else None
            found.append({"name": name, "index": len(found), "base": words[0], "body": [], "flags": flags})
        elif found:
            found[-1]["body"].append((keyword, arguments))
    return found


def has_wildcard(path):
    return any(ch in path for ch in "*?[")


def expand_source(source, root):
    """The paths under `root` that COPY's `source` names; empty when none exists."""
    cleaned = go_clean("/" + source).lstrip("/")
    if cleaned in ("", "."):
        return [root]
    if not has_wildcard(cleaned):
        path = os.path.join(root, cleaned)
        return [path] if os.path.lexists(path) else []
    matches = [""]
    for component in cleaned.split("/"):
        regex = pattern_regex(component)
        matches = [
            posixpath.join(base, name) if base else name
            for base in matches
            if os.path.isdir(os.path.join(root, base))
            for name in sorted(os.listdir(os.path.join(root, base)))
            if regex.match(name)
        ]
    return [os.path.join(root, m) for m in matches]


def copy_into(source, target):
    """Docker's copy of one source: a folder's contents, or a file (or link) as it is."""
    if os.path.isdir(source) and not os.path.islink(source):
        os.makedirs(target, exist_ok=True)
        for name in sorted(os.listdir(source)):
            copy_into(os.path.join(source, name), os.path.join(target, name))
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.lexists(target) and not os.path.isdir(target):
            os.unlink(target)
        shutil.copy2(source, target, follow_symlinks=False)


def load_stages(dockerfile):
    with open(dockerfile, encoding="utf-8") as handle:
        return stages(dockerfile_instructions(handle.read()))


def run_copies(dockerfile, context, stage_key, root, stage_roots, skip_from=False):
    all_stages = load_stages(dockerfile)
    if stage_key == "last" and all_stages:
        stage_key = str(all_stages[-1]["index"])
    stage = next((s for s in all_stages if s["name"] == stage_key.lower() or str(s["index"]) == stage_key), None)
    if stage is None:
        raise SystemExit("no stage %r in %s" % (stage_key, dockerfile))
    workdir = "/"
    for keyword, arguments in stage["body"]:
        if keyword == "WORKDIR":
            workdir = posixpath.join(workdir, arguments.strip())
            continue
        if keyword not in ("COPY", "ADD"):
            continue
        if "<<" in arguments:
            raise SystemExit("%s with a heredoc is not supported: %s" % (keyword, arguments))
        flags, rest = [], arguments
        while rest.startswith("--"):
            flag, _, rest = rest.partition(" ")
            flags.append(flag)
            rest = rest.strip()
        words = split_arguments(rest)
        sources, destination = words[:-1], words[-1]
        origin = next((f.split("=", 1)[1] for f in flags if f.startswith("--from=")), None)
        if origin is not None and skip_from:
            continue
        if origin is None:
            source_root, described = context, "the build context"
        elif origin.lower() in stage_roots:
            source_root, described = stage_roots[origin.lower()], "stage " + origin
        else:
            raise SystemExit("%s --from=%s: no folder given for that stage" % (keyword, origin))
        if keyword == "ADD" and any(re.match(r"^[a-z]+://", s) for s in sources):
            raise SystemExit("ADD from a URL is not supported: %s" % arguments)
        target = destination if destination.startswith("/") else posixpath.join(workdir, destination)
        into_folder = destination.endswith("/") or len(sources) > 1 or any(has_wildcard(s) for s in sources)
        for source in sources:
            found = expand_source(source, source_root)
            if not found:
                raise SystemExit(
                    "%s %s %s: %r is not in %s (left out by .dockerignore, or missing)"
                    % (keyword, " ".join(sources), destination, source, described))
            for path in found:
                is_folder = os.path.isdir(path) and not os.path.islink(path)
                host_target = os.path.join(root, target.lstrip("/"))
                if not is_folder and (into_folder or os.path.isdir(host_target)):
                    host_target = os.path.join(host_target, os.path.basename(path))
                copy_into(path, host_target)
        print("%s %s -> %s" % (keyword, " ".join(([f for f in flags if f.startswith("--from=")]) + sources), posixpath.normpath(target)))


def check_copies(dockerfile, context):
    import tempfile
    for stage in load_stages(dockerfile):
        with tempfile.TemporaryDirectory(prefix="docker-copy-check.") as scratch:
            run_copies(dockerfile, context, str(stage["index"]), scratch, {}, skip_from=True)


def same_file(a, b):
    if os.path.islink(a) or os.path.islink(b):
        return os.path.islink(a) and os.path.islink(b) and os.readlink(a) == os.readlink(b)
    if not os.path.isfile(b) or os.path.getsize(a) != os.path.getsize(b):
        return False
    if os.stat(a).st_mode & 0o7777 != os.stat(b).st_mode & 0o7777:
        return False
    with open(a, "rb") as x, open(b, "rb") as y:
        return x.read() == y.read()


def mirror(source, target):
    """Makes `target` hold exactly what `source` holds, touching only what differs."""
    os.makedirs(target, exist_ok=True)
    wanted = set(os.listdir(source))
    for name in os.listdir(target):
        path = os.path.join(target, name)
        if name not in wanted or os.path.isdir(path) != os.path.isdir(os.path.join(source, name)):
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
    for name in wanted:
        a, b = os.path.join(source, name), os.path.join(target, name)
        if os.path.isdir(a) and not os.path.islink(a):
            mirror(a, b)
        elif not same_file(a, b):
            if os.path.lexists(b):
                os.unlink(b)
            shutil.copy2(a, b, follow_symlinks=False)


# ---------------------------------------------------------------- self-test

SELF_TEST = [
    # (patterns, path, left out?)  From Docker's .dockerignore reference and moby's tests.
    (["*/temp*"], "somedir/temporary.txt", True),
    (["*/temp*"], "temp", False),
    (["*/temp*"], "somedir/subdir/temporary.txt", False),
    (["*/*/temp*"], "somedir/subdir/temporary.txt", True),
    (["temp?"], "tempa", True),
    (["temp?"], "tempab", False),
    (["**/*.go"], "a/b/c.go", True),
    (["**/*.go"], "c.go", True),
    (["**"], "anything/at/all", True),
    (["dir/**"], "dir/a/b", True),
    (["dir/**"], "dir", False),
    (["**/dir"], "dir", True),
    (["**/dir"], "a/b/dir/file", True),
    (["*.md", "!README*.md", "README-secret.md"], "README-secret.md", True),
    (["*.md", "!README*.md", "README-secret.md"], "README.md", False),
    (["*.md", "!README*.md", "README-secret.md"], "CHANGES.md", True),
    (["*.md", "README-secret.md", "!README*.md"], "README-secret.md", False),
    (["docs"], "docs/a/b.txt", True),
    (["/docs/"], "docs/a.txt", True),
    (["./docs/../src"], "src/main.c", True),
    (["*", "!Sources/"], "Sources/HTTP/Server.swift", False),
    (["*", "!Sources/"], "Scripts/x.sh", True),
    (["*", "!Sources/", "**/.build*"], "Sources/.build/x", True),
    (["*", "!config/a.json"], "config/a.json", False),
    (["*", "!config/a.json"], "config/b.json", True),
    (["a[bc]d"], "abd", True),
    (["a[^bc]d"], "abd", False),
    (["a[^bc]d"], "axd", True),
    (["a[b-d]e"], "ace", True),
    (["\\*x"], "*x", True),
    (["\\*x"], "ax", False),
    (["file.txt"], "filextxt", False),
    (["a+b(c)"], "a+b(c)", True),
]


def self_test():
    failures = 0
    for patterns, path, expected in SELF_TEST:
        cleaned = read_dockerignore("\n".join(patterns))
        got = Matcher(cleaned).excluded(path)
        if got != expected:
            failures += 1
            print("selftest: %r with %r: left out %s, expected %s" % (patterns, path, got, expected), file=sys.stderr)
    text = "\ufeff# comment\n  *.tmp  \n\n! keep.tmp\n/abs/path/\n"
    if read_dockerignore(text) != ["*.tmp", "!keep.tmp", "abs/path"]:
        failures += 1
        print("selftest: reading %r gave %r" % (text, read_dockerignore(text)), file=sys.stderr)
    if failures:
        raise SystemExit("selftest: %d failures" % failures)
    print("selftest: %d .dockerignore cases pass" % (len(SELF_TEST) + 1))


def main(argv):
    if argv[1:2] == ["selftest"]:
        self_test()
    elif argv[1:2] == ["context"] and len(argv) == 4:
        make_context(argv[2], argv[3])
    elif argv[1:2] == ["copy"] and len(argv) >= 6:
        roots = {}
        for pair in argv[6:]:
            name, _, folder = pair.partition("=")
            roots[name.lower()] = folder
        run_copies(argv[2], argv[3], argv[4], argv[5], roots)
    elif argv[1:2] == ["check"] and len(argv) == 4:
        check_copies(argv[2], argv[3])
    elif argv[1:2] == ["mirror"] and len(argv) == 4:
        mirror(argv[2], argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
