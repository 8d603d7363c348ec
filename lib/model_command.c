/*
 * model_command.c - the model printed by a command (`model_command =` in
 * dbtool.ini) instead of read from a file: for models declared in another
 * language, such as SQLAlchemy classes (contrib/sqlalchemy).
 *
 * The command runs through /bin/sh -c in the config file's folder, with
 * DBTOOL_DIALECT naming the database the model is for.  Its standard output
 * is the model; its standard error is kept for the message when it fails,
 * and then its output counts for nothing.
 */
#define _GNU_SOURCE /* pipe2 */
#include "dbtool.h"

#include "buf.h"
#include "error.h"
#include "model.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* How much of the command's standard error is kept for the message. */
#define STDERR_KEEP 4096

static char *g_command;
static char *g_dir;

int dbt_model_set_command(const char *command, const char *dir)
{
	char *c = NULL, *d = NULL;

	if (command) {
		c = strdup(command);
		d = strdup(dir ? dir : ".");
		if (!c || !d) {
			free(c);
			free(d);
			return dbt_error_oom();
		}
	}
	free(g_command);
	free(g_dir);
	g_command = c;
	g_dir = d;
	return 0;
}

int dbt_model_command_set(void)
{
	return g_command != NULL;
}

/* The child: stdout and stderr to the pipes, into the folder, run. */
static void child(int out_fd, int err_fd, const char *dialect)
{
	int devnull = open("/dev/null", O_RDONLY);

	if (devnull < 0 || dup2(devnull, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0 ||
	    dup2(err_fd, STDERR_FILENO) < 0)
		_exit(127);
	if (chdir(g_dir) < 0) {
		static const char msg[] = "cannot enter the config file's folder\n";

		if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
			_exit(126);
		_exit(126);
	}
	if (setenv("DBTOOL_DIALECT", dialect, 1) < 0)
		_exit(127);
	signal(SIGPIPE, SIG_DFL);
	execl("/bin/sh", "sh", "-c", g_command, (char *)NULL);
	_exit(127);
}

/* Reads both pipes until both close; stderr past STDERR_KEEP is dropped. */
static int drain(dbt_buf *out, dbt_buf *err, int out_fd, int err_fd)
{
	struct pollfd p[2] = {{out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
	char chunk[8192];
	int open_fds = 2, i;

	while (open_fds) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return dbt_error_set(DBT_ERROR, "model_command: cannot read its output: %s",
					     strerror(errno));
		}
		for (i = 0; i < 2; i++) {
			ssize_t n;

			if (p[i].fd < 0 || !p[i].revents)
				continue;
			n = read(p[i].fd, chunk, sizeof(chunk));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				p[i].fd = -1;
				open_fds--;
				continue;
			}
			if (i == 0)
				dbt_buf_put(out, chunk, (size_t)n);
			else if (err->len < STDERR_KEEP)
				dbt_buf_put(err, chunk, (size_t)n);
		}
	}
	return out->oom || err->oom ? dbt_error_oom() : 0;
}

/* The first non-blank line of the command's standard error, or "". */
static void first_line(dbt_buf *b, const char *s, size_t len)
{
	size_t i = 0, start;

	while (i < len && (s[i] == '\n' || s[i] == '\r' || s[i] == ' ' || s[i] == '\t'))
		i++;
	start = i;
	while (i < len && s[i] != '\n' && s[i] != '\r')
		i++;
	while (i > start && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	dbt_buf_put(b, s + start, i - start);
}

int dbt_model_command_run(char **out, size_t *len, dbt_dialect_kind kind)
{
	const char *dialect = dbt_dialect_label(kind);
	dbt_buf text = DBT_BUF_INIT, err = DBT_BUF_INIT, line = DBT_BUF_INIT;
	int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
	int rc = 0, status = 0;
	pid_t pid;

	*out = NULL;
	*len = 0;
	if (!g_command)
		return dbt_error_set(DBT_ERROR, "model_command: no command is set");
	if (pipe2(out_pipe, O_CLOEXEC) < 0 || pipe2(err_pipe, O_CLOEXEC) < 0) {
		rc = dbt_error_set(DBT_ERROR, "model_command: cannot run it: %s", strerror(errno));
		goto cleanup;
	}
	pid = fork();
	if (pid < 0) {
		rc = dbt_error_set(DBT_ERROR, "model_command: cannot run it: %s", strerror(errno));
		goto cleanup;
	}
	if (pid == 0)
		child(out_pipe[1], err_pipe[1], dialect);
	close(out_pipe[1]);
	close(err_pipe[1]);
	out_pipe[1] = err_pipe[1] = -1;
	rc = drain(&text, &err, out_pipe[0], err_pipe[0]);
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			if (!rc)
				rc = dbt_error_set(DBT_ERROR,
						   "model_command: cannot wait for it: %s",
						   strerror(errno));
			goto cleanup;
		}
	}
	if (rc)
		goto cleanup;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		first_line(&line, err.ptr ? err.ptr : "", err.len);
		if (line.oom) {
			rc = dbt_error_oom();
			goto cleanup;
		}
		/* dbt_error_set() keeps the message on one line. */
		if (WIFSIGNALED(status))
			rc = dbt_error_set(DBT_ERROR, "model_command was killed by signal %d%s%s",
					   WTERMSIG(status), line.len ? ": " : "",
					   line.len ? line.ptr : "");
		else
			rc = dbt_error_set(DBT_ERROR,
					   "model_command failed with exit status %d%s%s",
					   WEXITSTATUS(status), line.len ? ": " : "",
					   line.len ? line.ptr : "");
		goto cleanup;
	}
	*len = text.len;
	*out = text.ptr ? dbt_buf_detach(&text) : strdup("");
	if (!*out)
		rc = dbt_error_oom();
cleanup:
	if (out_pipe[0] >= 0)
		close(out_pipe[0]);
	if (out_pipe[1] >= 0)
		close(out_pipe[1]);
	if (err_pipe[0] >= 0)
		close(err_pipe[0]);
	if (err_pipe[1] >= 0)
		close(err_pipe[1]);
	dbt_buf_release(&text);
	dbt_buf_release(&err);
	dbt_buf_release(&line);
	return rc;
}
