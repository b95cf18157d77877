#!/usr/bin/env python3
"""check_layers.py finds what it must, and only that, on a made-up tree."""
import os
import subprocess
import sys
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      'check_layers.py')


def write(root, path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'w', encoding='utf-8') as f:
        f.write(text)


class CheckLayersTest(unittest.TestCase):

    def run_check(self, root, allow=''):
        write(root, 'allow.txt', allow)
        return subprocess.run(
            [sys.executable, SCRIPT, '--root', root, '--allowlist',
             os.path.join(root, 'allow.txt')],
            capture_output=True, text=True, check=False)

    def test_clean_tree_passes(self):
        with tempfile.TemporaryDirectory() as root:
            write(root, 'services/s/src/domain/a.h',
                  '#include "absl/status/status.h"\n'
                  '#include "common/api/etag.h"\n'
                  '#include "services/s/src/domain/b.h"\n')
            write(root, 'services/s/src/storage/c.cc',
                  '#include <cppconn/resultset.h>\n'
                  '#include "services/s/src/domain/a.h"\n')
            result = self.run_check(root)
            self.assertEqual(result.returncode, 0, result.stdout)

    def test_finds_each_kind_of_violation(self):
        with tempfile.TemporaryDirectory() as root:
            write(root, 'services/s/src/domain/a.cc',
                  '#include "services/s/src/handler/h.h"\n'
                  '#include <grpcpp/channel.h>\n'
                  '#include "common/mysql/statement.h"\n'
                  '#include "services/s/src/events/e.h"\n')
            write(root, 'services/s/src/events/e.h',
                  '#include "partnerhub/events/v1/events.pb.h"\n')
            write(root, 'services/s/src/storage/c.cc',
                  '#include "services/s/src/handler/convert.h"\n')
            result = self.run_check(root)
            self.assertEqual(result.returncode, 1)
            out = result.stdout
            self.assertIn('domain/a.cc: includes services/s/src/handler/h.h',
                          out)
            self.assertIn('includes grpcpp/channel.h, a gRPC header', out)
            self.assertIn('includes common/mysql/statement.h', out)
            self.assertIn('events.pb.h, a generated proto header '
                          '(via services/s/src/events/e.h)', out)
            self.assertIn('storage/c.cc: includes '
                          'services/s/src/handler/convert.h', out)

    def test_convert_and_clients_rules(self):
        with tempfile.TemporaryDirectory() as root:
            write(root, 'services/s/src/convert/c.h',
                  '#include "partnerhub/s/v1/s.pb.h"\n'
                  '#include "services/s/src/domain/a.h"\n'
                  '#include "services/s/src/storage/rows.h"\n')
            write(root, 'services/s/src/clients/k.cc',
                  '#include <grpcpp/channel.h>\n'
                  '#include "services/s/src/convert/c.h"\n'
                  '#include "services/s/src/handler/h.h"\n')
            write(root, 'services/s/src/domain/a.h',
                  '#include "services/s/src/convert/c.h"\n')
            write(root, 'services/s/src/storage/st.cc',
                  '#include "services/s/src/convert/c.h"\n')
            result = self.run_check(root)
            self.assertEqual(result.returncode, 1)
            out = result.stdout
            self.assertIn('convert/c.h: includes services/s/src/storage/'
                          'rows.h', out)
            self.assertIn('clients/k.cc: includes services/s/src/handler/h.h',
                          out)
            self.assertIn('domain/a.h: includes services/s/src/convert/c.h, '
                          'a proto conversion header', out)
            self.assertNotIn('storage/st.cc', out)
            self.assertNotIn('clients/k.cc: includes services/s/src/convert',
                             out)
            self.assertEqual(out.count('\n'), 4, out)  # rows.h also via c.h

    def test_src_holds_only_layers(self):
        with tempfile.TemporaryDirectory() as root:
            write(root, 'services/s/src/main.cc', '')
            write(root, 'services/s/src/config.h', '')
            write(root, 'services/s/src/worker/w.cc', '')
            write(root, 'services/s/src/events/e.cc', '')
            write(root, 'services/s/src/util.h', '')
            result = self.run_check(root)
            self.assertEqual(result.returncode, 1)
            self.assertIn('services/s/src/events: not a layer', result.stdout)
            self.assertIn('services/s/src/util.h: not a layer', result.stdout)
            self.assertNotIn('worker', result.stdout.split('(')[0])

    def test_allowlist_must_shrink(self):
        with tempfile.TemporaryDirectory() as root:
            write(root, 'services/s/src/domain/a.h',
                  '#include <grpcpp/channel.h>\n')
            allow = 'services/s/src/domain/a.h -> grpcpp/channel.h\n'
            self.assertEqual(self.run_check(root, allow).returncode, 0)
            write(root, 'services/s/src/domain/a.h', '')
            result = self.run_check(root, allow)
            self.assertEqual(result.returncode, 1)
            self.assertIn('no longer occurs', result.stdout)


if __name__ == '__main__':
    unittest.main()
