"""Peak resident memory of a measured process, for the scripts each benchmark runs in a fresh process.

``getrusage``'s ``ru_maxrss`` survives ``exec``: a child started from a big parent reports the parent's size
as its own peak. ``VmHWM`` belongs to the memory of the program now running, so it is read first.
"""

CODE = '''
def peak_mib():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
'''
