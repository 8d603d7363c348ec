# bash completion for dbtool                                -*- shell-script -*-
#
# Completes commands, options (each command's, from 'dbtool COMMAND --help',
# and the global ones), option values (--format, --config), and revision
# targets (the ids of the chain, from 'dbtool history', and head / base).
# Asks the dbtool being completed, so it stays right as dbtool changes.

_dbtool_global_opts="-c --config -u --url --dev-url -q --quiet -v --verbose --format
--lock-timeout --statement-lock-timeout -h --help --version"

# The options that take a value, as separate word.
_dbtool_takes_value() {
	case "$1" in
	-c | --config | -u | --url | --dev-url | --format | --lock-timeout | \
		--statement-lock-timeout | -m | --message | --rev-id | -r | --rev-range | \
		--scratch-url | --onto | --dialect | --rebuild-rows) return 0 ;;
	esac
	return 1
}

_dbtool() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	local exe=${COMP_WORDS[0]} cmd="" i w pre=()
	COMPREPLY=()

	# The command, and the global options given before it (which say
	# where the config is).
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if _dbtool_takes_value "$w"; then
			pre+=("$w" "${COMP_WORDS[i + 1]}")
			((i++))
			continue
		fi
		case "$w" in
		-*) pre+=("$w") ;;
		*)
			cmd=$w
			break
			;;
		esac
	done

	case "$prev" in
	-c | --config)
		COMPREPLY=($(compgen -f -- "$cur"))
		return
		;;
	--format)
		COMPREPLY=($(compgen -W "text json $([ "$cmd" = lint ] && echo sarif)" -- "$cur"))
		return
		;;
	--dialect)
		COMPREPLY=($(compgen -W "sqlite postgresql" -- "$cur"))
		return
		;;
	--onto | -r | --rev-range)
		;;
	*)
		if _dbtool_takes_value "$prev"; then
			return
		fi
		;;
	esac

	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$_dbtool_global_opts" -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$("$exe" --help 2>/dev/null |
				sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')" -- "$cur"))
		fi
		return
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$("$exe" "$cmd" --help 2>/dev/null |
			grep -o -- '--[a-z][a-z-]*' | sort -u) $_dbtool_global_opts" -- "$cur"))
		return
	fi
	case "$cmd" in
	upgrade | downgrade | stamp | show | lint | rebase | repair)
		COMPREPLY=($(compgen -W "head base $("$exe" "${pre[@]}" -q history 2>/dev/null |
			sed -n 's/^[^ ]* -> \([0-9a-z_]*\).*/\1/p')" -- "$cur"))
		;;
	history)
		if [ "$prev" = -r ] || [ "$prev" = --rev-range ]; then
			COMPREPLY=($(compgen -W "base: head $("$exe" "${pre[@]}" -q history 2>/dev/null |
				sed -n 's/^[^ ]* -> \([0-9a-z_]*\).*/\1:/p')" -- "$cur"))
		fi
		;;
	init)
		COMPREPLY=($(compgen -d -- "$cur"))
		;;
	esac
}

complete -F _dbtool dbtool
