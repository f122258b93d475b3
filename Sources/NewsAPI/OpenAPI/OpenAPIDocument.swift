/// The OpenAPI 3.1 description of the HTTP API, served at `GET /api/v1/openapi.json`.
///
/// Maintained by hand from the routes, presenters and decoders; `OpenAPITests` checks that its
/// paths and operations are exactly the router's routes and that every `$ref` resolves.
/// Keep `info.version` equal to `Version.current` of the executable.
enum OpenAPIDocument {
    static let json: [UInt8] = Array(
        #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "NewsStore",
            "version": "0.1.0",
            "description": "A self-hosted JSON API for a newsroom's articles, categories and tags.\n\nJSON is UTF-8 with Arabic text unescaped. Reads are public; a read may carry a token to see drafts, archived and scheduled articles (and then gets `Cache-Control: private, no-store`), but a read with a bad token is refused with 401. Writes need `Authorization: Bearer <token>`.\n\nEvery error is `application/problem+json` (RFC 9457). On every documented path the server also answers HEAD like GET (without a body), OPTIONS with 204 and `Allow`, and any other method with 405 and `Allow`; unknown paths are 404. Path segments are percent-decoded as UTF-8, so Arabic slugs route.\n\nGETs other than `/healthz` carry a strong `ETag` and answer `If-None-Match` with 304. Each response carries `X-Request-ID`, the client's own when it sent a sane one, and `X-Content-Type-Options: nosniff`. CORS headers are sent only to configured origins (preflight: 204 with `Access-Control-Allow-*`; exposed: ETag, Location, X-Request-ID, Retry-After).\n\nPer-client limits: one client (an address; behind a trusted proxy, the one `X-Forwarded-For` names) may have a bounded number of requests under way and send a bounded number of searches, writes and views a minute (settings); beyond them it gets 429 with `Retry-After`. Requests from the server's own machine that no proxy forwarded are not limited."
          },
          "servers": [
            {
              "url": "/"
            }
          ],
          "tags": [
            {
              "name": "articles",
              "description": "Articles: listings, one article, and the editors' writes."
            },
            {
              "name": "categories",
              "description": "Categories: an article has at most one."
            },
            {
              "name": "tags",
              "description": "Tags: an article has any number."
            },
            {
              "name": "search",
              "description": "Full-text search of published articles."
            },
            {
              "name": "service",
              "description": "Liveness and this document."
            }
          ],
          "paths": {
            "/healthz": {
              "get": {
                "operationId": "getHealth",
                "summary": "Liveness check",
                "tags": [
                  "service"
                ],
                "security": [],
                "responses": {
                  "200": {
                    "description": "The process is up and its HTTP stack answers (the database is not checked). `Cache-Control: no-store`, no ETag.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Health"
                        }
                      }
                    }
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/readyz": {
              "get": {
                "operationId": "getReadiness",
                "summary": "Readiness check",
                "tags": [
                  "service"
                ],
                "security": [],
                "responses": {
                  "200": {
                    "description": "The database answers and carries every migration of this build. `Cache-Control: no-store`, no ETag.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "status",
                            "schema_version"
                          ],
                          "properties": {
                            "status": {
                              "type": "string",
                              "enum": [
                                "ready"
                              ]
                            },
                            "schema_version": {
                              "type": "integer"
                            }
                          },
                          "additionalProperties": false
                        }
                      }
                    }
                  },
                  "503": {
                    "description": "The database does not answer or lacks migrations.",
                    "content": {
                      "application/problem+json": {
                        "schema": {
                          "$ref": "#/components/schemas/Problem"
                        }
                      }
                    }
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/metrics": {
              "get": {
                "operationId": "getMetrics",
                "summary": "Prometheus metrics",
                "description": "Request counters by method, route pattern and status; latency histograms by route; open connections; database connection waits; articles by status; build information. Needs a write token unless the server runs with `--metrics-access public`.",
                "tags": [
                  "service"
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "Prometheus text exposition format 0.0.4. `Cache-Control: no-store`.",
                    "content": {
                      "text/plain": {
                        "schema": {
                          "type": "string"
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/admin/backup": {
              "post": {
                "operationId": "createBackup",
                "summary": "Take an online backup",
                "description": "Copies the database with SQLite's online backup API while the server keeps serving and writing, checks the copy with `PRAGMA integrity_check`, and writes it to the configured backup folder (`--backup-dir`, by default `backups/` beside the database) as `newsstore-YYYYMMDDTHHMMSSZ.sqlite`. Clients never choose the path.",
                "tags": [
                  "service"
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "201": {
                    "description": "The backup was written and passed its integrity check.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": [
                            "file",
                            "bytes",
                            "integrity"
                          ],
                          "properties": {
                            "file": {
                              "type": "string"
                            },
                            "bytes": {
                              "type": "integer"
                            },
                            "integrity": {
                              "type": "string",
                              "enum": [
                                "ok"
                              ]
                            }
                          },
                          "additionalProperties": false
                        }
                      }
                    }
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/openapi.json": {
              "get": {
                "operationId": "getOpenAPIDocument",
                "summary": "This OpenAPI document",
                "tags": [
                  "service"
                ],
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [],
                "responses": {
                  "200": {
                    "description": "The OpenAPI 3.1 description of this API.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/articles": {
              "get": {
                "operationId": "listArticles",
                "summary": "List articles",
                "tags": [
                  "articles"
                ],
                "description": "Keyset-paginated: pass `next_cursor` back as `cursor` for the next page. Unknown query parameters are refused with 400.",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/CategoryFilter"
                  },
                  {
                    "$ref": "#/components/parameters/TagFilter"
                  },
                  {
                    "name": "author",
                    "in": "query",
                    "required": false,
                    "description": "Exact author.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "source",
                    "in": "query",
                    "required": false,
                    "description": "Exact name of a cited source.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "$ref": "#/components/parameters/Since"
                  },
                  {
                    "$ref": "#/components/parameters/Until"
                  },
                  {
                    "name": "sort",
                    "in": "query",
                    "required": false,
                    "description": "Newest first (default) or oldest first, by `published_at`.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "-published_at",
                        "published_at"
                      ],
                      "default": "-published_at"
                    }
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "Items per page.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 100,
                      "default": 20
                    }
                  },
                  {
                    "name": "cursor",
                    "in": "query",
                    "required": false,
                    "description": "`next_cursor` of the previous page, opaque; it must come from a listing in the same `sort` order (400 otherwise).",
                    "schema": {
                      "type": "string",
                      "maxLength": 64
                    }
                  },
                  {
                    "name": "fields",
                    "in": "query",
                    "required": false,
                    "description": "Comma-separated summary members to keep in each item; an unknown name is 400.",
                    "schema": {
                      "type": "string",
                      "examples": [
                        "id,slug,title,published_at"
                      ]
                    }
                  },
                  {
                    "name": "status",
                    "in": "query",
                    "required": false,
                    "description": "Which status to list. Anything but `published` needs a token (401 without one). The public always gets published articles whose time has come; editors listing `published` also see scheduled ones.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "draft",
                        "published",
                        "archived"
                      ],
                      "default": "published"
                    }
                  },
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [
                  {},
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "One page of article summaries.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/ArticlePage"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "post": {
                "operationId": "createArticle",
                "summary": "Create an article",
                "tags": [
                  "articles"
                ],
                "description": "`Location` is `/api/v1/articles/{id}`. 409 when the given slug is taken.",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/ArticleWrite"
                      }
                    }
                  }
                },
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "201": {
                    "description": "The new article, as an editor sees it.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Article"
                        }
                      }
                    },
                    "headers": {
                      "Location": {
                        "$ref": "#/components/headers/Location"
                      },
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "422": {
                    "$ref": "#/components/responses/UnprocessableContent"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/articles/{key}": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/ArticleKey"
                }
              ],
              "get": {
                "operationId": "getArticle",
                "summary": "Get one article",
                "tags": [
                  "articles"
                ],
                "parameters": [
                  {
                    "name": "body",
                    "in": "query",
                    "required": false,
                    "description": "How to send the body: typed blocks (default), safe HTML, or plain text.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "blocks",
                        "html",
                        "text"
                      ],
                      "default": "blocks"
                    }
                  },
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [
                  {},
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The article.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Article"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "301": {
                    "description": "`key` is a former slug: `Location` is the article's current URL (with the same query); no body.",
                    "headers": {
                      "Location": {
                        "$ref": "#/components/headers/Location"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "patch": {
                "operationId": "updateArticle",
                "summary": "Change an article",
                "tags": [
                  "articles"
                ],
                "description": "Without `If-Match`, a concurrent change is merged onto rather than lost; with it, a concurrent change is a 412. A slug change keeps the old slug answering with 301.",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IfMatch"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/merge-patch+json": {
                      "schema": {
                        "$ref": "#/components/schemas/ArticlePatch"
                      }
                    },
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/ArticlePatch"
                      }
                    }
                  },
                  "description": "A JSON Merge Patch, sent as `application/merge-patch+json` or `application/json`."
                },
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The article after the change, as an editor sees it.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Article"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "412": {
                    "$ref": "#/components/responses/PreconditionFailed"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "422": {
                    "$ref": "#/components/responses/UnprocessableContent"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "delete": {
                "operationId": "deleteArticle",
                "summary": "Delete an article",
                "tags": [
                  "articles"
                ],
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IfMatch"
                  }
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "204": {
                    "description": "Deleted; links to it disappear from other articles."
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "412": {
                    "$ref": "#/components/responses/PreconditionFailed"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/articles/{key}/related": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/ArticleKey"
                }
              ],
              "put": {
                "operationId": "setRelatedArticles",
                "summary": "Set an article's related articles",
                "tags": [
                  "articles"
                ],
                "description": "422 for an id listed twice, the article itself, an unknown id, or more than 50.",
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IfMatch"
                  }
                ],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/RelatedWrite"
                      }
                    }
                  }
                },
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The related articles now, in order, as an editor sees them (no ETag).",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/RelatedList"
                        }
                      }
                    },
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "412": {
                    "$ref": "#/components/responses/PreconditionFailed"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "422": {
                    "$ref": "#/components/responses/UnprocessableContent"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/articles/popular": {
              "get": {
                "operationId": "listPopularArticles",
                "summary": "The most read articles",
                "tags": [
                  "articles"
                ],
                "description": "Public articles ranked by their views in the window (`views_in_window`), most first, then newest first; articles without views in the window are left out. Views are counted per UTC day: today's and the whole days inside the window count fully, the oldest day in proportion to its share of the window (at 18:00 UTC the 24h window holds today's views and a quarter of yesterday's). Counts reach the database about once a second. The same list for the public and for editors.",
                "parameters": [
                  {
                    "name": "window",
                    "in": "query",
                    "required": false,
                    "description": "The span ending now.",
                    "schema": {
                      "type": "string",
                      "enum": [
                        "24h",
                        "7d",
                        "30d"
                      ],
                      "default": "24h"
                    }
                  },
                  {
                    "name": "category",
                    "in": "query",
                    "required": false,
                    "description": "Category slug. An unknown slug gives an empty list.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "Items to return.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 100,
                      "default": 10
                    }
                  },
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [
                  {},
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The most read articles.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/PopularList"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/articles/{key}/views": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/ArticleKey"
                }
              ],
              "post": {
                "operationId": "recordArticleView",
                "summary": "Count a view of an article",
                "tags": [
                  "articles"
                ],
                "description": "For a reader's page: public, no token, any body is ignored (so `navigator.sendBeacon` works). Only public articles count (drafts, archived and scheduled ones are 404). A client's further views of the same article within the de-duplication window (10 minutes by default) are accepted but not counted, and each client may send a limited number of views (60 a minute, bursts of 20, by default; 429 beyond). The client is the connection's address, or behind a trusted proxy the right-most `X-Forwarded-For` address that is not a trusted proxy. Counts are kept in memory and written about once a second (and at shutdown); a view changes neither the article's `version` nor its ETag.",
                "security": [],
                "responses": {
                  "202": {
                    "description": "Accepted; no body. Counted unless the same client's view of this article was counted within the window. `Cache-Control: no-store`.",
                    "headers": {
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/search": {
              "get": {
                "operationId": "searchArticles",
                "summary": "Search published articles",
                "tags": [
                  "search"
                ],
                "description": "Full-text search over title, summary and body of public articles (published, not scheduled), Arabic-aware: harakat, tatweel, alef forms, ة/ه, ى/ي, hamza seats (ؤ ئ ء), Persian letters and Arabic-Indic digits are ignored, and attached clitics and plural, dual and feminine endings are matched (والحكومة, الحكومات, حكومة). Ranked best first: every word in the title first, then words spelled exactly as typed, then how often the words occur (title above summary above body), with a mild preference for recent articles. Paginated by position: pass `next_cursor` back as `cursor`; pages end after 1,000 hits. Unknown query parameters are refused with 400. The query never reaches the search engine's syntax: operators such as OR, NEAR, `-`, `:` and parentheses are ordinary words or separators.",
                "parameters": [
                  {
                    "name": "q",
                    "in": "query",
                    "required": true,
                    "description": "Words to search for; all must match. `\"…\"` is a phrase (words adjacent, in order; an unclosed quote runs to the end). A word followed directly by `*` matches words beginning with it (two letters at least). At most 512 bytes and 12 words or phrases; a query with no words is 400.",
                    "schema": {
                      "type": "string",
                      "minLength": 1,
                      "maxLength": 512
                    },
                    "examples": {
                      "word": {
                        "value": "الحكومة"
                      },
                      "phrase": {
                        "value": "\"هيئة تحرير الشام\""
                      },
                      "prefix": {
                        "value": "اقتصاد*"
                      }
                    }
                  },
                  {
                    "$ref": "#/components/parameters/CategoryFilter"
                  },
                  {
                    "$ref": "#/components/parameters/TagFilter"
                  },
                  {
                    "$ref": "#/components/parameters/Since"
                  },
                  {
                    "$ref": "#/components/parameters/Until"
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "Hits per page.",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 100,
                      "default": 20
                    }
                  },
                  {
                    "name": "cursor",
                    "in": "query",
                    "required": false,
                    "description": "`next_cursor` of the previous page of the same search.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [
                  {},
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "One page of hits, best first.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/SearchPage"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/categories": {
              "get": {
                "operationId": "listCategories",
                "summary": "List categories",
                "tags": [
                  "categories"
                ],
                "parameters": [
                  {
                    "name": "prefix",
                    "in": "query",
                    "required": false,
                    "description": "Only terms whose name or slug starts with this (trimmed; blank means no filter), for autocomplete.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "At most this many terms (there is no next page).",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 500,
                      "default": 100
                    }
                  },
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [
                  {},
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The categories, ordered by name.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TermList"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "post": {
                "operationId": "createCategory",
                "summary": "Create a category",
                "tags": [
                  "categories"
                ],
                "description": "`Location` is `/api/v1/categories/{id}`. 409 when the name or slug is taken.",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/TermWrite"
                      }
                    }
                  }
                },
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "201": {
                    "description": "The new category.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Term"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Location": {
                        "$ref": "#/components/headers/Location"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "422": {
                    "$ref": "#/components/responses/UnprocessableContent"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/categories/{key}": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TermKey"
                }
              ],
              "get": {
                "operationId": "getCategory",
                "summary": "Get one category",
                "tags": [
                  "categories"
                ],
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [
                  {},
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The category.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Term"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "patch": {
                "operationId": "updateCategory",
                "summary": "Change a category",
                "tags": [
                  "categories"
                ],
                "description": "A renamed or re-slugged term bumps its articles' `updated_at` and `version` (and so their ETags). `If-Match` is not supported here.",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/merge-patch+json": {
                      "schema": {
                        "$ref": "#/components/schemas/TermPatch"
                      }
                    },
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/TermPatch"
                      }
                    }
                  },
                  "description": "The members to change, as `application/merge-patch+json` or `application/json`."
                },
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The category after the change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Term"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "422": {
                    "$ref": "#/components/responses/UnprocessableContent"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "delete": {
                "operationId": "deleteCategory",
                "summary": "Delete a category",
                "tags": [
                  "categories"
                ],
                "description": "A category that still holds articles is refused unless `move_to` names where they go.",
                "parameters": [
                  {
                    "name": "move_to",
                    "in": "query",
                    "required": false,
                    "description": "Another category (id, slug or exact name) to move the category's articles to first. Needed when the category holds articles (409 without it); one that does not exist or is this category is 422 with pointer `/move_to`. Ignored when the category is empty.",
                    "schema": {
                      "type": "string"
                    }
                  }
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "204": {
                    "description": "Deleted. Its articles were moved to `move_to` first, if it held any."
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "422": {
                    "$ref": "#/components/responses/UnprocessableContent"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/tags": {
              "get": {
                "operationId": "listTags",
                "summary": "List tags",
                "tags": [
                  "tags"
                ],
                "parameters": [
                  {
                    "name": "prefix",
                    "in": "query",
                    "required": false,
                    "description": "Only terms whose name or slug starts with this (trimmed; blank means no filter), for autocomplete.",
                    "schema": {
                      "type": "string"
                    }
                  },
                  {
                    "name": "limit",
                    "in": "query",
                    "required": false,
                    "description": "At most this many terms (there is no next page).",
                    "schema": {
                      "type": "integer",
                      "minimum": 1,
                      "maximum": 500,
                      "default": 100
                    }
                  },
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [
                  {},
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The tags, ordered by name.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/TermList"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "post": {
                "operationId": "createTag",
                "summary": "Create a tag",
                "tags": [
                  "tags"
                ],
                "description": "`Location` is `/api/v1/tags/{id}`. 409 when the name or slug is taken.",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/TermWrite"
                      }
                    }
                  }
                },
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "201": {
                    "description": "The new tag.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Term"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Location": {
                        "$ref": "#/components/headers/Location"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "422": {
                    "$ref": "#/components/responses/UnprocessableContent"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            },
            "/api/v1/tags/{key}": {
              "parameters": [
                {
                  "$ref": "#/components/parameters/TermKey"
                }
              ],
              "get": {
                "operationId": "getTag",
                "summary": "Get one tag",
                "tags": [
                  "tags"
                ],
                "parameters": [
                  {
                    "$ref": "#/components/parameters/IfNoneMatch"
                  }
                ],
                "security": [
                  {},
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The tag.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Term"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      },
                      "Vary": {
                        "$ref": "#/components/headers/Vary"
                      }
                    }
                  },
                  "304": {
                    "$ref": "#/components/responses/NotModified"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "patch": {
                "operationId": "updateTag",
                "summary": "Change a tag",
                "tags": [
                  "tags"
                ],
                "description": "A renamed or re-slugged term bumps its articles' `updated_at` and `version` (and so their ETags). `If-Match` is not supported here.",
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/merge-patch+json": {
                      "schema": {
                        "$ref": "#/components/schemas/TermPatch"
                      }
                    },
                    "application/json": {
                      "schema": {
                        "$ref": "#/components/schemas/TermPatch"
                      }
                    }
                  },
                  "description": "The members to change, as `application/merge-patch+json` or `application/json`."
                },
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "200": {
                    "description": "The tag after the change.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "$ref": "#/components/schemas/Term"
                        }
                      }
                    },
                    "headers": {
                      "ETag": {
                        "$ref": "#/components/headers/ETag"
                      },
                      "Cache-Control": {
                        "$ref": "#/components/headers/CacheControl"
                      }
                    }
                  },
                  "400": {
                    "$ref": "#/components/responses/BadRequest"
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "409": {
                    "$ref": "#/components/responses/Conflict"
                  },
                  "413": {
                    "$ref": "#/components/responses/ContentTooLarge"
                  },
                  "415": {
                    "$ref": "#/components/responses/UnsupportedMediaType"
                  },
                  "422": {
                    "$ref": "#/components/responses/UnprocessableContent"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              },
              "delete": {
                "operationId": "deleteTag",
                "summary": "Delete a tag",
                "tags": [
                  "tags"
                ],
                "security": [
                  {
                    "bearer": []
                  }
                ],
                "responses": {
                  "204": {
                    "description": "Deleted. It is removed from its articles."
                  },
                  "401": {
                    "$ref": "#/components/responses/Unauthorized"
                  },
                  "404": {
                    "$ref": "#/components/responses/NotFound"
                  },
                  "429": {
                    "$ref": "#/components/responses/TooManyRequests"
                  },
                  "default": {
                    "$ref": "#/components/responses/ServerError"
                  }
                }
              }
            }
          },
          "components": {
            "schemas": {
              "Problem": {
                "type": "object",
                "description": "An RFC 9457 problem document, the body of every error response.",
                "required": [
                  "type",
                  "title",
                  "status"
                ],
                "properties": {
                  "type": {
                    "type": "string",
                    "description": "Always `about:blank`: the status says what went wrong.",
                    "examples": [
                      "about:blank"
                    ]
                  },
                  "title": {
                    "type": "string",
                    "description": "The status code's reason phrase.",
                    "examples": [
                      "Unprocessable Content"
                    ]
                  },
                  "status": {
                    "type": "integer",
                    "minimum": 100,
                    "maximum": 599
                  },
                  "detail": {
                    "type": "string",
                    "description": "What went wrong with this request, in English."
                  },
                  "errors": {
                    "type": "array",
                    "description": "Only with 422: every invalid field of the request body, each located by a JSON Pointer (RFC 6901).",
                    "items": {
                      "$ref": "#/components/schemas/FieldError"
                    }
                  }
                }
              },
              "FieldError": {
                "type": "object",
                "required": [
                  "pointer",
                  "detail"
                ],
                "properties": {
                  "pointer": {
                    "type": "string",
                    "description": "JSON Pointer into the request body, e.g. `/body/2/text`; `/` for the body as a whole.",
                    "examples": [
                      "/body/2/text"
                    ]
                  },
                  "detail": {
                    "type": "string",
                    "examples": [
                      "is required"
                    ]
                  }
                }
              },
              "Image": {
                "type": "object",
                "description": "An image: the hero image of an article, or the members of an image block. Responses always carry all four members (absent ones as null).",
                "required": [
                  "url"
                ],
                "additionalProperties": false,
                "properties": {
                  "url": {
                    "type": "string",
                    "format": "uri",
                    "maxLength": 2048,
                    "description": "Absolute http or https URL."
                  },
                  "alt": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 500,
                    "description": "Alternative text for screen readers."
                  },
                  "caption": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 1000
                  },
                  "credit": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 300
                  }
                }
              },
              "ParagraphBlock": {
                "type": "object",
                "description": "A paragraph.",
                "required": [
                  "type",
                  "text"
                ],
                "additionalProperties": false,
                "properties": {
                  "type": {
                    "type": "string",
                    "const": "paragraph"
                  },
                  "text": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 20000
                  }
                }
              },
              "HeadingBlock": {
                "type": "object",
                "description": "A sub-heading.",
                "required": [
                  "type",
                  "text"
                ],
                "additionalProperties": false,
                "properties": {
                  "type": {
                    "type": "string",
                    "const": "heading"
                  },
                  "text": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 300
                  },
                  "level": {
                    "type": "integer",
                    "minimum": 2,
                    "maximum": 4,
                    "default": 2,
                    "description": "Sub-heading level (the title is level 1). Defaults to 2 on write; always present in responses."
                  }
                }
              },
              "QuoteBlock": {
                "type": "object",
                "description": "A pull quote.",
                "required": [
                  "type",
                  "text"
                ],
                "additionalProperties": false,
                "properties": {
                  "type": {
                    "type": "string",
                    "const": "quote"
                  },
                  "text": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 20000
                  }
                }
              },
              "ListBlock": {
                "type": "object",
                "description": "A bulleted or numbered list.",
                "required": [
                  "type",
                  "items"
                ],
                "additionalProperties": false,
                "properties": {
                  "type": {
                    "type": "string",
                    "const": "list"
                  },
                  "items": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 100,
                    "items": {
                      "type": "string",
                      "minLength": 1,
                      "maxLength": 20000
                    }
                  },
                  "ordered": {
                    "type": "boolean",
                    "default": false,
                    "description": "Defaults to false on write; always present in responses."
                  }
                }
              },
              "ImageBlock": {
                "type": "object",
                "description": "An image inside the body. Responses always carry alt, caption and credit (absent ones as null).",
                "required": [
                  "type",
                  "url"
                ],
                "additionalProperties": false,
                "properties": {
                  "type": {
                    "type": "string",
                    "const": "image"
                  },
                  "url": {
                    "type": "string",
                    "format": "uri",
                    "maxLength": 2048,
                    "description": "Absolute http or https URL."
                  },
                  "alt": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 500
                  },
                  "caption": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 1000
                  },
                  "credit": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 300
                  }
                }
              },
              "Block": {
                "description": "One typed piece of an article body. Text is trimmed of surrounding whitespace; blank counts as absent; control characters other than line feed and tab are refused. Lengths count characters as readers see them.",
                "oneOf": [
                  {
                    "$ref": "#/components/schemas/ParagraphBlock"
                  },
                  {
                    "$ref": "#/components/schemas/HeadingBlock"
                  },
                  {
                    "$ref": "#/components/schemas/QuoteBlock"
                  },
                  {
                    "$ref": "#/components/schemas/ListBlock"
                  },
                  {
                    "$ref": "#/components/schemas/ImageBlock"
                  }
                ],
                "discriminator": {
                  "propertyName": "type",
                  "mapping": {
                    "paragraph": "#/components/schemas/ParagraphBlock",
                    "heading": "#/components/schemas/HeadingBlock",
                    "quote": "#/components/schemas/QuoteBlock",
                    "list": "#/components/schemas/ListBlock",
                    "image": "#/components/schemas/ImageBlock"
                  }
                }
              },
              "Source": {
                "type": "object",
                "description": "An outlet or document the article reports from. Responses always carry all three members.",
                "required": [
                  "name"
                ],
                "additionalProperties": false,
                "properties": {
                  "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 300,
                    "description": "Unique within the article.",
                    "examples": [
                      "إرم نيوز"
                    ]
                  },
                  "url": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "uri",
                    "maxLength": 2048,
                    "description": "Absolute http or https URL."
                  },
                  "relation": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 50,
                    "description": "Free text such as `reported_by` or `quoted`.",
                    "examples": [
                      "reported_by"
                    ]
                  }
                }
              },
              "TermReference": {
                "type": "object",
                "description": "A category or tag as an article shows it.",
                "required": [
                  "id",
                  "slug",
                  "name"
                ],
                "properties": {
                  "id": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1
                  },
                  "slug": {
                    "type": "string"
                  },
                  "name": {
                    "type": "string"
                  }
                }
              },
              "ArticleStatus": {
                "type": "string",
                "enum": [
                  "draft",
                  "published",
                  "archived"
                ],
                "description": "Only `published` articles whose `published_at` has come are visible to the public; a published article with a future `published_at` is scheduled."
              },
              "DateOrDateTime": {
                "type": "string",
                "pattern": "^\\d{4}-\\d{2}-\\d{2}([Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})?)?$",
                "description": "An ISO 8601 date `YYYY-MM-DD` (midnight UTC) or date-time `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]` (UTC when the offset is omitted), years 0001 to 9999.",
                "examples": [
                  "2025-07-04",
                  "2025-07-04T09:30:00Z"
                ]
              },
              "ArticleSummaryMembers": {
                "type": "object",
                "description": "The members an article summary may have, in this order. A listing item holds all of them unless `fields` narrows it to some.",
                "properties": {
                  "id": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1
                  },
                  "slug": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "summary": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "hero": {
                    "oneOf": [
                      {
                        "$ref": "#/components/schemas/Image"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "author": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "category": {
                    "oneOf": [
                      {
                        "$ref": "#/components/schemas/TermReference"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "tags": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/TermReference"
                    }
                  },
                  "status": {
                    "$ref": "#/components/schemas/ArticleStatus"
                  },
                  "published_at": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date-time",
                    "description": "RFC 3339 in UTC, e.g. 2025-07-04T09:30:00Z; `.123` milliseconds only when not zero."
                  },
                  "updated_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "RFC 3339 in UTC, e.g. 2025-07-04T09:30:00Z; `.123` milliseconds only when not zero."
                  },
                  "views": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 0
                  }
                }
              },
              "ArticleSummary": {
                "description": "An article as listings show it: enough for a teaser card, without body, sources or related articles.",
                "allOf": [
                  {
                    "$ref": "#/components/schemas/ArticleSummaryMembers"
                  }
                ],
                "required": [
                  "id",
                  "slug",
                  "title",
                  "summary",
                  "hero",
                  "author",
                  "category",
                  "tags",
                  "status",
                  "published_at",
                  "updated_at",
                  "views"
                ]
              },
              "Article": {
                "type": "object",
                "description": "One article with its body, sources, category, tags and related articles.",
                "required": [
                  "id",
                  "slug",
                  "title",
                  "summary",
                  "body",
                  "hero",
                  "author",
                  "sources",
                  "category",
                  "tags",
                  "status",
                  "published_at",
                  "created_at",
                  "updated_at",
                  "version",
                  "related",
                  "views"
                ],
                "properties": {
                  "id": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1
                  },
                  "slug": {
                    "type": "string"
                  },
                  "title": {
                    "type": "string"
                  },
                  "summary": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "body": {
                    "description": "Typed blocks by default; with `?body=html` a string of safe HTML, with `?body=text` plain text (paragraphs separated by blank lines). Write responses always carry blocks.",
                    "oneOf": [
                      {
                        "type": "array",
                        "items": {
                          "$ref": "#/components/schemas/Block"
                        }
                      },
                      {
                        "type": "string"
                      }
                    ]
                  },
                  "hero": {
                    "oneOf": [
                      {
                        "$ref": "#/components/schemas/Image"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "author": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "sources": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/Source"
                    }
                  },
                  "category": {
                    "oneOf": [
                      {
                        "$ref": "#/components/schemas/TermReference"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "tags": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/TermReference"
                    }
                  },
                  "status": {
                    "$ref": "#/components/schemas/ArticleStatus"
                  },
                  "published_at": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "format": "date-time",
                    "description": "RFC 3339 in UTC, e.g. 2025-07-04T09:30:00Z; `.123` milliseconds only when not zero."
                  },
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "RFC 3339 in UTC, e.g. 2025-07-04T09:30:00Z; `.123` milliseconds only when not zero."
                  },
                  "updated_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "RFC 3339 in UTC, e.g. 2025-07-04T09:30:00Z; `.123` milliseconds only when not zero."
                  },
                  "version": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1,
                    "description": "Starts at 1 and grows by one with each change."
                  },
                  "related": {
                    "type": "array",
                    "description": "The editors' related articles in their order (`suggested: false`; readers see only the public ones), then suggestions (`suggested: true`) up to the server's related count (`related_count`, default 5; 0 for none): public articles sharing the most tags with this one, then of its category, newer first among equals, never this article or one listed already. A tag counts only for its 100 newest public articles. Editors get the same suggestions as readers. Longer than the count only when the editors' list alone is.",
                    "items": {
                      "$ref": "#/components/schemas/RelatedArticle"
                    }
                  },
                  "views": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 0,
                    "description": "All-time views (see `POST /api/v1/articles/{key}/views`), up to about a second late. A live counter, not part of the article: always the last member, and the ETag covers the representation without it, so views never change the ETag or break `If-Match`."
                  }
                }
              },
              "RelatedArticle": {
                "description": "An article as a detail's `related` list shows it: a summary without `views`, so that other articles' readers cannot change this article's ETag, marked as an editors' link or a suggestion.",
                "allOf": [
                  {
                    "$ref": "#/components/schemas/ArticleSummaryMembers"
                  },
                  {
                    "type": "object",
                    "properties": {
                      "suggested": {
                        "type": "boolean",
                        "description": "false for a link the editors set, true for an article the server suggests."
                      }
                    }
                  }
                ],
                "required": [
                  "id",
                  "slug",
                  "title",
                  "summary",
                  "hero",
                  "author",
                  "category",
                  "tags",
                  "status",
                  "published_at",
                  "updated_at",
                  "suggested"
                ]
              },
              "ArticlePage": {
                "type": "object",
                "required": [
                  "items",
                  "next_cursor"
                ],
                "properties": {
                  "items": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/ArticleSummaryMembers"
                    },
                    "description": "Article summaries (see ArticleSummary), with only the members `fields` names when it is given."
                  },
                  "next_cursor": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "Pass as `cursor` (with the same `sort`) for the next page; null on the last page."
                  }
                }
              },
              "SearchPage": {
                "type": "object",
                "required": [
                  "items",
                  "next_cursor"
                ],
                "properties": {
                  "items": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/SearchHit"
                    }
                  },
                  "next_cursor": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "description": "Pass as `cursor` with the same query for the next page; null on the last page."
                  }
                }
              },
              "SearchHit": {
                "description": "An article summary with the search's marks.",
                "allOf": [
                  {
                    "$ref": "#/components/schemas/ArticleSummary"
                  },
                  {
                    "type": "object",
                    "required": [
                      "title_html",
                      "snippet_html"
                    ],
                    "properties": {
                      "title_html": {
                        "type": "string",
                        "description": "The title as HTML: text escaped, each matched word (as written, with its harakat) in `<mark>`."
                      },
                      "snippet_html": {
                        "type": "string",
                        "description": "About 32 words around the best matches, from the summary when it has any, else from the body (its opening words when only the title matched), as HTML: text escaped, matches in `<mark>`, cuts marked with `…`."
                      }
                    }
                  }
                ]
              },
              "RelatedList": {
                "type": "object",
                "required": [
                  "items"
                ],
                "properties": {
                  "items": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/ArticleSummary"
                    }
                  }
                }
              },
              "PopularList": {
                "type": "object",
                "required": [
                  "items"
                ],
                "properties": {
                  "items": {
                    "type": "array",
                    "items": {
                      "$ref": "#/components/schemas/PopularArticle"
                    }
                  }
                }
              },
              "PopularArticle": {
                "description": "An article summary (with its all-time `views`) and its views in the window.",
                "allOf": [
                  {
                    "$ref": "#/components/schemas/ArticleSummary"
                  }
                ],
                "properties": {
                  "views_in_window": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1,
                    "description": "Views in the window, the oldest day counted in proportion (rounded down)."
                  }
                },
                "required": [
                  "views_in_window"
                ]
              },
              "ArticleWrite": {
                "type": "object",
                "description": "An article as editors write it. Members that are null count as absent. Unknown members and the server's own (`id`, `created_at`, `updated_at`, `views`, `version`, `related`) are refused with 422; every problem is listed in one response. Text is trimmed of surrounding whitespace; blank counts as absent; control characters other than line feed and tab are refused. Lengths count characters as readers see them.",
                "required": [
                  "title"
                ],
                "allOf": [
                  {
                    "$ref": "#/components/schemas/ArticlePatch"
                  }
                ]
              },
              "ArticlePatch": {
                "type": "object",
                "description": "A JSON Merge Patch (RFC 7386) onto the article's writable members (those of ArticleWrite, with `category` and `tags` as slugs and `body` as blocks): members given replace, objects such as `hero` merge, `null` removes. The result must be a valid ArticleWrite. Removing `status` makes the article a draft; removing `slug` or `published_at` keeps the current value.",
                "additionalProperties": false,
                "properties": {
                  "title": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 300
                  },
                  "slug": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "minLength": 1,
                    "maxLength": 80,
                    "description": "Made from the title when absent (and unique with `-2`, `-3`, …). 1 to 80 lowercase ASCII letters, ASCII digits or Arabic letters, in words joined by single hyphens; not only digits (a numeric path segment is an id). Length counts Unicode scalars."
                  },
                  "summary": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 1000
                  },
                  "body": {
                    "description": "Blocks (at most 500), or one string in which blank lines separate paragraphs. Required (non-empty) to publish. Null or absent is an empty body.",
                    "oneOf": [
                      {
                        "type": "string"
                      },
                      {
                        "type": "array",
                        "maxItems": 500,
                        "items": {
                          "$ref": "#/components/schemas/Block"
                        }
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "hero": {
                    "oneOf": [
                      {
                        "$ref": "#/components/schemas/Image"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "author": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 200
                  },
                  "sources": {
                    "type": [
                      "array",
                      "null"
                    ],
                    "maxItems": 20,
                    "items": {
                      "$ref": "#/components/schemas/Source"
                    }
                  },
                  "category": {
                    "description": "The category's id, slug or exact name; it must exist (422 otherwise).",
                    "oneOf": [
                      {
                        "type": "string",
                        "maxLength": 100
                      },
                      {
                        "type": "integer",
                        "format": "int64"
                      },
                      {
                        "type": "null"
                      }
                    ]
                  },
                  "tags": {
                    "type": [
                      "array",
                      "null"
                    ],
                    "maxItems": 30,
                    "description": "Tag slugs or names; unknown ones are created, repeats are dropped.",
                    "items": {
                      "type": "string",
                      "minLength": 1,
                      "maxLength": 100
                    }
                  },
                  "status": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "enum": [
                      "draft",
                      "published",
                      "archived",
                      null
                    ],
                    "default": "draft"
                  },
                  "published_at": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "pattern": "^\\d{4}-\\d{2}-\\d{2}([Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})?)?$",
                    "description": "An ISO 8601 date `YYYY-MM-DD` (midnight UTC) or date-time `YYYY-MM-DDTHH:MM:SS[.fraction][Z|±HH:MM]` (UTC when the offset is omitted), years 0001 to 9999. Set to the time of publication when absent and the status is published; a future time schedules the article.",
                    "examples": [
                      "2025-07-04T09:30:00Z"
                    ]
                  }
                }
              },
              "RelatedWrite": {
                "type": "object",
                "required": [
                  "ids"
                ],
                "additionalProperties": false,
                "properties": {
                  "ids": {
                    "type": "array",
                    "maxItems": 50,
                    "uniqueItems": true,
                    "description": "Ids of existing articles other than this one, in the order to show them. Replaces the current list.",
                    "items": {
                      "type": "integer",
                      "format": "int64"
                    }
                  }
                }
              },
              "Term": {
                "type": "object",
                "description": "A category or a tag.",
                "required": [
                  "id",
                  "slug",
                  "name",
                  "description",
                  "article_count",
                  "created_at",
                  "updated_at"
                ],
                "properties": {
                  "id": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1
                  },
                  "slug": {
                    "type": "string"
                  },
                  "name": {
                    "type": "string"
                  },
                  "description": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "article_count": {
                    "type": "integer",
                    "minimum": 0,
                    "description": "Articles the public can see in this term."
                  },
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "RFC 3339 in UTC, e.g. 2025-07-04T09:30:00Z; `.123` milliseconds only when not zero."
                  },
                  "updated_at": {
                    "type": "string",
                    "format": "date-time",
                    "description": "RFC 3339 in UTC, e.g. 2025-07-04T09:30:00Z; `.123` milliseconds only when not zero."
                  }
                }
              },
              "TermList": {
                "type": "object",
                "required": [
                  "items"
                ],
                "properties": {
                  "items": {
                    "type": "array",
                    "description": "Ordered by name.",
                    "items": {
                      "$ref": "#/components/schemas/Term"
                    }
                  }
                }
              },
              "TermWrite": {
                "type": "object",
                "description": "A new category or tag. `name` and `slug` cannot be null. Unknown members and the server's own (`id`, `article_count`, `created_at`, `updated_at`) are refused with 422. Text is trimmed of surrounding whitespace; blank counts as absent; control characters other than line feed and tab are refused. Lengths count characters as readers see them.",
                "required": [
                  "name"
                ],
                "allOf": [
                  {
                    "$ref": "#/components/schemas/TermPatch"
                  }
                ]
              },
              "TermPatch": {
                "type": "object",
                "description": "The members to change; absent members stay as they are. `name` and `slug` cannot be null; `\"description\": null` removes the description.",
                "additionalProperties": false,
                "properties": {
                  "name": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 100,
                    "description": "Unique within its kind."
                  },
                  "slug": {
                    "type": "string",
                    "minLength": 1,
                    "maxLength": 80,
                    "description": "Unique within its kind; made from the name when absent on create. 1 to 80 lowercase ASCII letters, ASCII digits or Arabic letters, in words joined by single hyphens; not only digits (a numeric path segment is an id). Length counts Unicode scalars."
                  },
                  "description": {
                    "type": [
                      "string",
                      "null"
                    ],
                    "maxLength": 1000
                  }
                }
              },
              "Health": {
                "type": "object",
                "required": [
                  "status"
                ],
                "properties": {
                  "status": {
                    "type": "string",
                    "const": "ok"
                  }
                }
              }
            },
            "responses": {
              "NotModified": {
                "description": "The representation matches `If-None-Match`; no body.",
                "headers": {
                  "ETag": {
                    "$ref": "#/components/headers/ETag"
                  },
                  "Cache-Control": {
                    "$ref": "#/components/headers/CacheControl"
                  },
                  "Vary": {
                    "$ref": "#/components/headers/Vary"
                  }
                }
              },
              "BadRequest": {
                "description": "Malformed request: invalid JSON, an invalid query parameter, or an invalid percent-encoding in the path or query.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "Unauthorized": {
                "description": "The Authorization header is missing where a token is required, malformed, or carries an unknown or revoked token. A read sent with a bad token is refused too, not served as to the public.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                },
                "headers": {
                  "WWW-Authenticate": {
                    "$ref": "#/components/headers/WWWAuthenticate"
                  }
                }
              },
              "NotFound": {
                "description": "No such resource, or not one this caller may see (drafts, archived and scheduled articles are 404 to the public).",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "MethodNotAllowed": {
                "description": "The path exists but not with this method. Any documented path answers so for methods it does not list.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                },
                "headers": {
                  "Allow": {
                    "$ref": "#/components/headers/Allow"
                  }
                }
              },
              "Conflict": {
                "description": "The write collides with existing data, such as a taken slug or name.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "PreconditionFailed": {
                "description": "`If-Match` does not match the current ETag: someone changed the resource since; fetch it again.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "ContentTooLarge": {
                "description": "The request body is larger than the server's limit (refused before it is read).",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "UnsupportedMediaType": {
                "description": "The Content-Type is missing, not an accepted media type, or has a charset other than UTF-8.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                }
              },
              "UnprocessableContent": {
                "description": "Some fields are invalid; `errors` lists each one by JSON Pointer.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    },
                    "example": {
                      "type": "about:blank",
                      "title": "Unprocessable Content",
                      "status": 422,
                      "detail": "Some fields are invalid; see errors.",
                      "errors": [
                        {
                          "pointer": "/title",
                          "detail": "is required"
                        },
                        {
                          "pointer": "/body/2/text",
                          "detail": "must be at most 20000 characters"
                        }
                      ]
                    }
                  }
                }
              },
              "TooManyRequests": {
                "description": "This client is over one of its limits (requests under way, searches, writes or views per minute); retry after `Retry-After` seconds.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  }
                }
              },
              "ServerError": {
                "description": "A failure outside this operation's own rules: malformed HTTP (400), a request line or header fields over the limits (414, 431), unknown transfer codings (501), too many connections (503, with Retry-After), or an internal error (500).",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "$ref": "#/components/schemas/Problem"
                    }
                  }
                },
                "headers": {
                  "Retry-After": {
                    "$ref": "#/components/headers/RetryAfter"
                  }
                }
              }
            },
            "parameters": {
              "CategoryFilter": {
                "name": "category",
                "in": "query",
                "required": false,
                "description": "Category slug. An unknown slug gives an empty page.",
                "schema": {
                  "type": "string"
                }
              },
              "TagFilter": {
                "name": "tag",
                "in": "query",
                "required": false,
                "description": "Tag slug; repeat for more (an article must carry all of them). An unknown slug gives an empty page.",
                "schema": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "style": "form",
                "explode": true
              },
              "Since": {
                "name": "since",
                "in": "query",
                "required": false,
                "description": "Only articles published at or after this instant (inclusive).",
                "schema": {
                  "$ref": "#/components/schemas/DateOrDateTime"
                }
              },
              "Until": {
                "name": "until",
                "in": "query",
                "required": false,
                "description": "Only articles published before this instant (exclusive).",
                "schema": {
                  "$ref": "#/components/schemas/DateOrDateTime"
                }
              },
              "ArticleKey": {
                "name": "key",
                "in": "path",
                "required": true,
                "description": "The article's id (a positive integer) or slug. A former slug also finds it.",
                "schema": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "format": "int64",
                      "minimum": 1
                    },
                    {
                      "type": "string"
                    }
                  ]
                },
                "examples": {
                  "id": {
                    "value": 1
                  },
                  "slug": {
                    "value": "damascus-joins-campaign"
                  }
                }
              },
              "TermKey": {
                "name": "key",
                "in": "path",
                "required": true,
                "description": "The term's id (a positive integer) or slug.",
                "schema": {
                  "oneOf": [
                    {
                      "type": "integer",
                      "format": "int64",
                      "minimum": 1
                    },
                    {
                      "type": "string"
                    }
                  ]
                }
              },
              "IfNoneMatch": {
                "name": "If-None-Match",
                "in": "header",
                "required": false,
                "description": "ETags the client holds (or `*`); a match answers 304. Compared weakly.",
                "schema": {
                  "type": "string"
                }
              },
              "IfMatch": {
                "name": "If-Match",
                "in": "header",
                "required": false,
                "description": "The ETag of the article as an editor's GET with the default `body=blocks` (or the last write) returned, or `*`. A mismatch answers 412, so no change is lost. Compared strongly.",
                "schema": {
                  "type": "string"
                }
              }
            },
            "headers": {
              "ETag": {
                "description": "Strong entity tag of the representation: `\"` + 16 hex digits + `\"`. An article's tag covers everything but its trailing `views` count, which changes without the article changing.",
                "schema": {
                  "type": "string",
                  "examples": [
                    "\"3f2a9c0d81b4e675\""
                  ]
                }
              },
              "Location": {
                "description": "URL path of the resource.",
                "schema": {
                  "type": "string"
                }
              },
              "CacheControl": {
                "description": "`public, max-age=N` for anonymous reads (N from the server's configuration, 60 by default; 3600 for this document), `private, no-store` for authenticated reads and for write responses.",
                "schema": {
                  "type": "string"
                }
              },
              "Vary": {
                "description": "`Authorization`: editors and the public may get different representations; then `, Origin` when the server lists CORS origins, since only those get the CORS headers.",
                "schema": {
                  "type": "string"
                }
              },
              "WWWAuthenticate": {
                "description": "`Bearer realm=\"newsstore\"`, with `error=\"invalid_request\"` for a malformed Authorization header or `error=\"invalid_token\"` for an unknown or revoked token.",
                "schema": {
                  "type": "string"
                }
              },
              "Allow": {
                "description": "The methods the resource supports, e.g. `GET, POST, HEAD, OPTIONS`.",
                "schema": {
                  "type": "string"
                }
              },
              "RetryAfter": {
                "description": "Seconds to wait before retrying.",
                "schema": {
                  "type": "integer"
                }
              }
            },
            "securitySchemes": {
              "bearer": {
                "type": "http",
                "scheme": "bearer",
                "description": "An API token made with `newsstore token create` (or the bootstrap admin token)."
              }
            }
          }
        }
        """#.utf8)
}
