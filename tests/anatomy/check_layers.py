#!/usr/bin/env python3
"""Checks the one anatomy of every service: handler/ -> domain/ -> storage/.

  services/<svc>/src/domain/   rules in plain C++: may include its own domain/,
                               common/ (but not common/grpc, common/mysql,
                               common/events, common/server), absl and the
                               standard library. No handler/, storage/,
                               convert/, clients/, gRPC, MySQL or generated
                               proto headers, directly or through another
                               header of the repository.
  services/<svc>/src/storage/  SQL: anything but handler/ and clients/.
  services/<svc>/src/convert/  proto <-> domain values, shared by handler/,
                               storage/ (feed events) and clients/: anything
                               but handler/, storage/ and clients/.
  services/<svc>/src/clients/  other services behind domain interfaces:
                               anything but handler/ and storage/.
  services/<svc>/src/worker/   background jobs over the domain: anything.

src/ holds only these folders, main.cc and config.{h,cc} (an allowlist line
"services/<svc>/src/<entry> -> not a layer" excuses one entry).

Exit status 1 lists each violation as "<file>: includes <header> (via ...)".
Known violations waiting for their fix are listed in allowlist.txt beside this
script, one "<file> -> <header>" per line; an entry that no longer occurs is
an error too, so the list only shrinks.

Usage: check_layers.py [--root <repo>] [--allowlist <file>]
"""
import argparse
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)


def forbidden_in_domain(header):
    """Why `header` may not be reached from domain/, or None."""
    if re.match(r'services/[^/]+/src/handler/', header):
        return 'a handler header'
    if re.match(r'services/[^/]+/src/storage/', header):
        return 'a storage header'
    if re.match(r'services/[^/]+/src/convert/', header):
        return 'a proto conversion header'
    if re.match(r'services/[^/]+/src/clients/', header):
        return 'a client header'
    if header.startswith(('grpcpp/', 'grpc/', 'grpc++/')):
        return 'a gRPC header'
    if header.startswith(('cppconn/', 'mysql_driver.h', 'mysql_connection.h')):
        return 'a MySQL header'
    if header.startswith(('common/grpc/', 'common/mysql/', 'common/events/',
                          'common/server/')):
        return 'common plumbing of the outer layers'
    if header.endswith('.pb.h'):
        return 'a generated proto header'
    return None


def forbidden_in_storage(header):
    if re.match(r'services/[^/]+/src/handler/', header):
        return 'a handler header'
    if re.match(r'services/[^/]+/src/clients/', header):
        return 'a client header'
    return None


def forbidden_in_convert(header):
    if re.match(r'services/[^/]+/src/(handler|storage|clients)/', header):
        return 'a header of a layer that uses the conversions'
    return None


def forbidden_in_clients(header):
    if re.match(r'services/[^/]+/src/(handler|storage)/', header):
        return 'a handler or storage header'
    return None


LAYERS = ('handler', 'domain', 'storage', 'convert', 'clients', 'worker')
TOP_FILES = ('main.cc', 'config.h', 'config.cc')
# The right side of an allowlist line for an entry of src/ that is no layer.
NOT_A_LAYER = 'not a layer'


def unknown_entries(root, service):
    """What src/ of `service` holds besides the layers and the top files."""
    src = os.path.join(root, 'services', service, 'src')
    if not os.path.isdir(src):
        return []
    return sorted(
        name for name in os.listdir(src)
        if not (name in TOP_FILES or
                (name in LAYERS and os.path.isdir(os.path.join(src, name)))))


def includes_of(root, path, cache):
    if path not in cache:
        try:
            with open(os.path.join(root, path), encoding='utf-8') as f:
                cache[path] = INCLUDE.findall(f.read())
        except OSError:
            cache[path] = []
    return cache[path]


def violations_of(root, path, layer_dir, rule, cache):
    """(header, chain, why) for each forbidden header reached from `path`.

    Follows the repository's own headers outside `layer_dir` (those inside
    are checked on their own), so each problem shows once, where it starts.
    """
    found = []
    seen = {path}
    stack = [(path, [])]
    while stack:
        current, chain = stack.pop()
        for header in includes_of(root, current, cache):
            why = rule(header)
            if why:
                found.append((header, chain, why))
                continue
            if (header in seen or header.startswith(layer_dir) or
                    not os.path.isfile(os.path.join(root, header))):
                continue
            seen.add(header)
            stack.append((header, chain + [header]))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--root', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), '..', '..'))
    parser.add_argument('--allowlist', default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), 'allowlist.txt'))
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    allow_path = args.allowlist
    allowed = set()
    with open(allow_path, encoding='utf-8') as f:
        for line in f:
            line = line.split('#', 1)[0].strip()
            if line:
                allowed.add(tuple(part.strip() for part in line.split('->')))

    cache = {}
    errors = []
    occurring = set()
    services = os.path.join(root, 'services')
    for service in sorted(os.listdir(services)):
        for name in unknown_entries(root, service):
            rel = f'services/{service}/src/{name}'
            if (rel, NOT_A_LAYER) in allowed:
                occurring.add((rel, NOT_A_LAYER))
                continue
            errors.append(f'services/{service}/src/{name}: not a layer of '
                          f'the anatomy (src/ holds {", ".join(LAYERS)}, '
                          f'{", ".join(TOP_FILES)})')
        for layer, rule in (('domain', forbidden_in_domain),
                            ('storage', forbidden_in_storage),
                            ('convert', forbidden_in_convert),
                            ('clients', forbidden_in_clients)):
            base = os.path.join(services, service, 'src', layer)
            for dirpath, _, files in os.walk(base):
                for name in sorted(files):
                    if not name.endswith(('.h', '.cc')):
                        continue
                    rel = os.path.relpath(os.path.join(dirpath, name), root)
                    layer_dir = os.path.relpath(base, root) + '/'
                    for header, chain, why in violations_of(
                            root, rel, layer_dir, rule, cache):
                        if (rel, header) in allowed:
                            occurring.add((rel, header))
                            continue
                        via = f' (via {" -> ".join(chain)})' if chain else ''
                        errors.append(f'{rel}: includes {header}, {why}{via}; '
                                      f'{layer}/ must not depend on it')
    for rel, header in sorted(allowed - occurring):
        errors.append(f'allowlist.txt: "{rel} -> {header}" no longer occurs; '
                      'remove the line')
    for error in errors:
        print(error)
    if errors:
        print(f'{len(errors)} layering problem(s); see tests/anatomy/'
              'check_layers.py for the rules', file=sys.stderr)
        return 1
    print('layers ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
