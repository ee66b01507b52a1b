"""Shared scanner: finds every JSON example block of the O2G reference in the sections we model."""
import re

SPEC = '/work/shared/specs/ale-o2g-rest-api.txt'
# Sections covered (digest section 0.1): common representations, auth, sessions, subscriptions,
# telephony, directory, routing, comlog, event summary; Call Center Agent; user information
# (`/logins`, `/users`); Call Center Management, Pilot and Real Time (issue 14).
RANGES = [(1, 1124), (1125, 1692), (2074, 8746), (12271, 13402), (13403, 15665)]


# A line that cannot be inside a JSON example: the next example, request or section.
STOP = re.compile(r'^(\[\+\] :|request :|response :|/[a-zA-Z]|Methods$|Associated )')


def in_ranges(ln):
    return any(a <= ln <= b for a, b in RANGES)


def blocks(lines):
    """Yields (start_line, end_line, prefix, text) for each brace-balanced block."""
    i, n = 0, len(lines)
    while i < n:
        ln = i + 1
        line = lines[i]
        m = re.search(r'\{', line)
        if in_ranges(ln) and m:
            pos = m.start()
            prefix = line[:pos]
            if prefix.lstrip().startswith('"'):
                # A fragment inside an elided (unbalanced) example, reported with it.
                i += 1
                continue
            is_path = prefix.rstrip().endswith('/') or re.search(r'/\S*$', prefix.strip() or ' ')
            if is_path and not prefix.strip().startswith(('request', 'response')):
                i += 1
                continue
            depth, instr, esc, j, done, buf = 0, False, False, i, False, []
            while j < n and not done and j - i < 600:
                if j > i and STOP.match(lines[j]):
                    break
                seg = lines[j][pos:] if j == i else lines[j]
                out = ''
                for ch in seg:
                    out += ch
                    if instr:
                        if esc:
                            esc = False
                        elif ch == '\\':
                            esc = True
                        elif ch == '"':
                            instr = False
                    else:
                        if ch == '"':
                            instr = True
                        elif ch in '{[':
                            depth += 1
                        elif ch in '}]':
                            depth -= 1
                        if depth == 0:
                            done = True
                            break
                buf.append(out)
                if done:
                    break
                j += 1
            if not done:
                # Unbalanced (elided) example: report its first line only and resume on the
                # next line, so that the next example is still found.
                yield ln, ln, prefix.strip(), lines[i][pos:], False
                i += 1
                continue
            yield ln, j + 1, prefix.strip(), '\n'.join(buf), done
            i = j + 1
            continue
        i += 1
