#!/bin/sh
echo "installing $VERSION $FLAG $SOME_THING"
