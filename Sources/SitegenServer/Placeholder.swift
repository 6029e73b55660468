// The editors' server (sitegen serve); see Server.swift.
