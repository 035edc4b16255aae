"""Running other programs with subprocess: capture output, time limits, pipes, environments."""

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path


def run_command(args: Sequence[str], cwd: str | Path | None = None) -> str:
    """Run a command and return its standard output as text, raising if it fails.

    print(run_command(["git", "status", "--short"]))
    """
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def run_capture(args: Sequence[str]) -> tuple[int, str, str]:
    """Run a command and return its exit code, standard output and standard error.

    code, out, err = run_capture(["ls", "missing-dir"])
    """
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    return result.returncode, result.stdout, result.stderr


def run_with_timeout(args: Sequence[str], timeout: float) -> str | None:
    """Run a command with a time limit and return its output, or None if it ran too long.

    out = run_with_timeout(["ping", "-c", "1", "host"], timeout=5)
    """
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None  # subprocess.run has already killed the child
    return result.stdout


def command_succeeds(args: Sequence[str]) -> bool:
    """Run a command quietly and report whether it exited with status 0.

    if command_succeeds(["git", "diff", "--quiet"]): print("no changes")
    """
    try:
        result = subprocess.run(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False
        )
    except OSError:  # the program does not exist or cannot be executed
        return False
    return result.returncode == 0


def stream_command_lines(args: Sequence[str]) -> Iterator[str]:
    """Run a command and yield its output lines one by one as it prints them.

    for line in stream_command_lines(["ping", "-c", "3", "localhost"]): print(line)
    """
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            yield line.rstrip("\n")
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, list(args))


def pipe_commands(first: Sequence[str], second: Sequence[str]) -> str:
    """Pipe the output of one command into another, like `first | second` in a shell.

    pipe_commands(["ps", "aux"], ["grep", "python"])
    """
    with subprocess.Popen(first, stdout=subprocess.PIPE) as producer:
        assert producer.stdout is not None
        consumer = subprocess.run(
            second, stdin=producer.stdout, capture_output=True, text=True, check=False
        )
        producer.stdout.close()  # so the producer sees a broken pipe if the consumer quits
    return consumer.stdout


def run_in_directory(args: Sequence[str], directory: str | Path) -> str:
    """Run a command inside a given working directory and return its output.

    run_in_directory(["git", "log", "-1", "--oneline"], "~/code/project")
    """
    folder = Path(directory).expanduser()
    if not folder.is_dir():
        raise NotADirectoryError(folder)
    result = subprocess.run(args, cwd=folder, capture_output=True, text=True, check=True)
    return result.stdout


def run_with_env(args: Sequence[str], extra_env: Mapping[str, str]) -> str:
    """Run a command with extra environment variables added to the current environment.

    run_with_env(["make", "build"], {"CC": "clang", "DEBUG": "1"})
    """
    env = {**os.environ, **extra_env}
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def find_executable(name: str) -> str | None:
    """Find the full path of a program on the PATH, or None if it is not installed.

    if find_executable("ffmpeg") is None: print("please install ffmpeg")
    """
    return shutil.which(name)


def kill_after_timeout(args: Sequence[str], timeout: float) -> tuple[int, bool]:
    """Start a process and kill it if it is still running after a timeout; return (exit code, killed).

    code, killed = kill_after_timeout(["long-job"], timeout=60)
    """
    with subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        try:
            return process.wait(timeout=timeout), False
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait(), True


def run_python_code(code: str, timeout: float = 30.0) -> str:
    """Run a piece of Python code in a fresh interpreter and return what it printed.

    run_python_code("import sys; print(sys.version_info[:2])")
    """
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"python exited with {result.returncode}: {result.stderr.strip()}")
    return result.stdout


def run_with_input(args: Sequence[str], text: str) -> str:
    """Run a command, feed text to its standard input, and return its output.

    run_with_input(["sort"], "pear\\napple\\n")  # 'apple\\npear\\n'
    """
    result = subprocess.run(args, input=text, capture_output=True, text=True, check=True)
    return result.stdout


def run_shell(command: str) -> str:
    """Run a shell command line (pipes, globs, redirections allowed) and return its output.

    run_shell("ls *.py | wc -l")  # only with trusted input: the shell interprets everything
    """
    result = subprocess.run(command, shell=True, capture_output=True, text=True, check=True)
    return result.stdout


def start_background(
    args: Sequence[str], log_file: str | Path | None = None
) -> subprocess.Popen[bytes]:
    """Start a command in the background without waiting for it; output goes to a log file or nowhere.

    process = start_background(["python", "server.py"], "server.log"); ...; process.terminate()
    """
    if log_file is None:
        return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(log_file, "ab") as log:  # the child keeps its own copy of the file handle
        return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)


def env_flag(name: str, default: bool = False) -> bool:
    """Read an environment variable as a true/false flag (1, true, yes, on count as true).

    if env_flag("DEBUG"): print("debugging")
    """
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "y"}
