# syntax=docker/dockerfile:1
#
# NewsStore image: the server built with the Swift stdlib linked in statically, on
# debian:bookworm-slim with only the shared libraries it still needs (SQLite, libstdc++, and
# OpenSSL with the CA certificates for https webhooks).
#
#   docker build -t newsstore .
#   docker run -d --name newsstore -p 127.0.0.1:8080:8080 -v newsstore-data:/data newsstore
#
# Or `docker compose up -d` with docker-compose.yml. scripts/verify-runtime-image.sh checks this
# runtime stage without Docker: same build command, packages, user and paths, in a Debian 12
# root made by debootstrap. Keep the two in step.

# ---------------------------------------------------------------- build
FROM swift:6.3-bookworm AS build

# DL3008 (pin apt versions): the package comes from the base image's Debian 12 release, whose
# versions only move by security and point updates; pinning would break the build at every
# such update instead of picking the fix up.
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-dev \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# The manifest first, then the sources, so the layers above stay cached across code changes.
# Tests/ is needed too: SwiftPM refuses a manifest whose declared targets have no folder.
COPY Package.swift ./
COPY Tests ./Tests
COPY Sources ./Sources
# The cache mount keeps .build between builds (incremental rebuilds); the binary is copied out
# of it and stripped (8 MB instead of 14 MB; no debug info is used at run time).
RUN --mount=type=cache,target=/src/.build \
    swift build -c release --static-swift-stdlib --product newsstore \
 && install -D -m 0755 .build/release/newsstore /staging/newsstore \
 && strip /staging/newsstore

# ---------------------------------------------------------------- runtime
FROM debian:bookworm-slim

LABEL org.opencontainers.image.title="newsstore" \
      org.opencontainers.image.description="NewsStore: a self-hosted news JSON API (one Swift binary, one SQLite file)"

# What `ldd` shows beyond glibc for the static-stdlib binary: libsqlite3.so.0 (libsqlite3-0),
# libstdc++.so.6 and libgcc_s.so.1 (libstdc++6, which pulls libgcc-s1; both are already in
# bookworm-slim, listed so the dependency is explicit). Not shown by `ldd` because it is opened
# at run time (dlopen) by the outbound client for https webhook targets: libssl.so.3 (libssl3),
# which verifies receivers' certificates against the system store (ca-certificates, which
# pulls in the openssl command, ~2 MB). No curl, no shell tools added.
# DL3008: see the build stage; same reason.
# The account is a system one with a fixed uid/gid, 10001, above the system range
# (-K SYS_UID_MAX keeps useradd from warning about it); it owns only /data.
# hadolint ignore=DL3008
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libsqlite3-0 libstdc++6 libssl3 ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 newsstore \
 && useradd --system --uid 10001 --gid newsstore -K SYS_UID_MAX=10001 \
        --no-create-home --home-dir /data --shell /usr/sbin/nologin newsstore \
 && install -d -o newsstore -g newsstore -m 0750 /data

COPY --from=build /staging/newsstore /usr/local/bin/newsstore
# Found there automatically (<prefix>/share/newsstore/migrations next to <prefix>/bin).
COPY migrations/ /usr/local/share/newsstore/migrations/
# The reader, served at / (found the same way; `--web off` serves the API alone).
COPY web/ /usr/local/share/newsstore/web/
# For reference only: mount a real file and set NEWSSTORE_CONFIG to use one.
COPY config/newsstore.example.json /etc/newsstore/newsstore.example.json

# Listen on every interface of the container; the database lives on the volume.
ENV NEWSSTORE_HOST=0.0.0.0 \
    NEWSSTORE_DB=/data/newsstore.sqlite

VOLUME /data
WORKDIR /data
EXPOSE 8080
# The newsstore account, numerically, so a runtime can tell it is not root (runAsNonRoot).
USER 10001:10001

# Ready = the database answers and is migrated: `newsstore healthcheck` sends GET /readyz to
# 127.0.0.1 at NEWSSTORE_PORT (default 8080) and exits 0 on a 200, so the image needs no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/newsstore", "healthcheck"]

# SIGTERM: stop accepting, finish requests under way (--shutdown-grace, 10 s), exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/newsstore"]
CMD ["serve"]
