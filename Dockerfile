# Placeholder until the deployment issue: builds and runs the server from source.
FROM swift:6.3-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN swift build -c release
EXPOSE 8080
CMD [".build/release/newsstore", "serve", "--host", "0.0.0.0"]
