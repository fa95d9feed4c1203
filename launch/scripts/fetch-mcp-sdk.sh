#!/usr/bin/env bash
# Installs the TypeScript MCP SDK (npm @modelcontextprotocol/sdk, pinned) with the ordinary npm client into a
# cache folder outside the repository, for the MCP interoperability test (src/test/js/mcp-client.mjs):
#   ${CLASSBOT_NPM_CACHE:-~/.cache/classbot/npm}/mcp-sdk-1.32.2/node_modules/@modelcontextprotocol/sdk
# Prints that node_modules folder on stdout. Exit 0 when it is there, 1 otherwise (the test then skips with a message).
set -euo pipefail

version="1.32.2"
cache="${CLASSBOT_NPM_CACHE:-$HOME/.cache/classbot/npm}"
dir="$cache/mcp-sdk-$version"

if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
  echo "fetch-mcp-sdk: npm/node not found; install Node.js and npm to run the TypeScript MCP client test" >&2
  exit 1
fi
if [[ -f "$dir/node_modules/@modelcontextprotocol/sdk/package.json" ]]; then
  echo "$dir/node_modules"
  exit 0
fi
mkdir -p "$dir"
if ! npm install --prefix "$dir" --no-audit --no-fund --no-save --silent "@modelcontextprotocol/sdk@$version" >&2; then
  echo "fetch-mcp-sdk: npm install @modelcontextprotocol/sdk@$version failed (offline?); the TypeScript client test will skip" >&2
  exit 1
fi
echo "$dir/node_modules"
