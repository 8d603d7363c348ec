/*
 * fsutil.c - file-system helpers (see fsutil.h).
 */
#include "fsutil.h"

#include "buf.h"
#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

int dbt_fs_read(char **out, size_t *len, const char *path)
{
	dbt_buf b = DBT_BUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return dbt_error_set(errno == ENOENT ? DBT_ENOTFOUND : DBT_ERROR,
				     "cannot open '%s': %s", path, strerror(errno));
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			dbt_error_set(DBT_ERROR, "cannot read '%s': %s", path, strerror(errno));
			close(fd);
			dbt_buf_release(&b);
			return DBT_ERROR;
		}
		dbt_buf_put(&b, chunk, (size_t)n);
	}
	close(fd);
	if (len)
		*len = b.len;
	*out = dbt_buf_detach(&b);
	return *out ? 0 : dbt_error_oom();
}

int dbt_fs_write_atomic(const char *path, const char *data, size_t len, int exclusive)
{
	dbt_buf tmp = DBT_BUF_INIT;
	size_t off = 0;
	int fd = -1, rc = DBT_ERROR;

	dbt_buf_printf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	if (tmp.oom)
		return dbt_error_oom();
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		dbt_error_set(DBT_ERROR, "cannot create '%s': %s", path, strerror(errno));
		goto cleanup;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			dbt_error_set(DBT_ERROR, "cannot write '%s': %s", path, strerror(errno));
			goto cleanup;
		}
		off += (size_t)n;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		dbt_error_set(DBT_ERROR, "cannot write '%s': %s", path, strerror(errno));
		goto cleanup;
	}
	fd = -1;
	if (exclusive) {
		/* link() fails when the target exists, so the check is atomic. */
		if (link(tmp.ptr, path) < 0) {
			rc = errno == EEXIST ? DBT_EEXISTS : DBT_ERROR;
			dbt_error_set(rc, "cannot create '%s': %s", path,
				      errno == EEXIST ? "it already exists" : strerror(errno));
			goto cleanup;
		}
		unlink(tmp.ptr);
	} else if (rename(tmp.ptr, path) < 0) {
		dbt_error_set(DBT_ERROR, "cannot write '%s': %s", path, strerror(errno));
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp.ptr);
	dbt_buf_release(&tmp);
	return rc;
}

/*
 * The lock file is removed by its holder before it lets go, so that
 * nothing stays behind; a waiter that then gets the lock holds it on a
 * file that is no longer there, and must start again on the new one.
 */
int dbt_fs_lock(int *fd, const char *path, int timeout_ms)
{
	struct timespec pause = {0, 10 * 1000 * 1000};
	struct stat held, named;
	int waited = 0, rc;

	for (;;) {
		*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
		if (*fd < 0)
			return dbt_error_set(DBT_ERROR, "cannot open lock file '%s': %s", path,
					     strerror(errno));
		while (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
			if (errno == EINTR)
				continue;
			if (errno != EWOULDBLOCK) {
				rc = dbt_error_set(DBT_ERROR, "cannot lock '%s': %s", path,
						   strerror(errno));
				goto fail;
			}
			if (waited >= timeout_ms) {
				rc = dbt_error_set(DBT_ELOCKED,
						   "waited too long for the lock '%s': another "
						   "dbtool "
						   "is writing a revision",
						   path);
				goto fail;
			}
			nanosleep(&pause, NULL);
			waited += 10;
		}
		if (fstat(*fd, &held) == 0 && stat(path, &named) == 0 &&
		    held.st_dev == named.st_dev && held.st_ino == named.st_ino)
			return 0;
		close(*fd);
	}
fail:
	close(*fd);
	*fd = -1;
	return rc;
}

void dbt_fs_unlock(int fd, const char *path)
{
	if (fd < 0)
		return;
	unlink(path);
	flock(fd, LOCK_UN);
	close(fd);
}

/* The process id of a "<name>.tmp-<pid>" file name, 0 for any other. */
static long tmp_pid(const char *name)
{
	const char *p = strstr(name, ".tmp-"), *s;
	long pid = 0;

	if (!p || p == name)
		return 0;
	for (s = p + 5; *s; s++) {
		if (*s < '0' || *s > '9' || pid > 100000000L)
			return 0;
		pid = pid * 10 + (*s - '0');
	}
	return s == p + 5 ? 0 : pid;
}

void dbt_fs_remove_stale_tmp(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		long pid = tmp_pid(e->d_name);
		char *path;

		if (pid <= 0 || pid == (long)getpid() ||
		    !(kill((pid_t)pid, 0) < 0 && errno == ESRCH))
			continue;
		if ((path = dbt_fs_join(dir, e->d_name)) != NULL) {
			unlink(path);
			free(path);
		}
	}
	closedir(d);
}

int dbt_fs_mkdirs(const char *path)
{
	char *p = strdup(path), *s;
	int rc = 0;

	if (!p)
		return dbt_error_oom();
	for (s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST) {
				rc = dbt_error_set(DBT_ERROR, "cannot create folder '%s': %s", p,
						   strerror(errno));
				break;
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return rc;
}

int dbt_fs_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int dbt_fs_dir_empty(const char *path)
{
	struct dirent *e;
	DIR *d = opendir(path);

	if (!d) {
		if (errno == ENOENT)
			return 1;
		return dbt_error_set(DBT_ERROR, "cannot read folder '%s': %s", path,
				     strerror(errno));
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			closedir(d);
			return 0;
		}
	}
	closedir(d);
	return 1;
}

char *dbt_fs_join(const char *a, const char *b)
{
	dbt_buf out = DBT_BUF_INIT;

	if (!a || !*a || b[0] == '/')
		return strdup(b);
	dbt_buf_puts(&out, a);
	if (a[strlen(a) - 1] != '/')
		dbt_buf_putc(&out, '/');
	dbt_buf_puts(&out, b);
	return dbt_buf_detach(&out);
}

char *dbt_fs_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}
