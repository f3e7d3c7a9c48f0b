import logging
import signal
import socket


class Server:
    def __init__(self, port, listen_backlog):
        # Initialize server socket
        self._server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._server_socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._server_socket.bind(('', port))
        self._server_socket.listen(listen_backlog)
        self._running = True
        self._client_sock = None
        signal.signal(signal.SIGTERM, self.__handle_sigterm)

    def __handle_sigterm(self, signum, frame):
        """
        SIGTERM handler: stop the loop and close every socket; a blocked
        accept() or recv() then fails with OSError and run() returns
        """
        logging.info(f'action: receive_signal | result: success | signal: {signal.Signals(signum).name}')
        self._running = False
        self._server_socket.close()
        logging.info('action: close_server_socket | result: success')
        if self._client_sock is not None:
            self._client_sock.close()
            logging.info('action: close_client_connection | result: success')

    def run(self):
        """
        Dummy Server loop

        Server that accept a new connections and establishes a
        communication with a client. After client with communucation
        finishes, servers starts to accept new connections again
        """
        while self._running:
            try:
                self._client_sock = self.__accept_new_connection()
            except OSError as e:
                if self._running:
                    logging.error(f'action: accept_connections | result: fail | error: {e}')
                break
            self.__handle_client_connection()
        logging.info('action: shutdown | result: success')

    def __handle_client_connection(self):
        """
        Read message from a specific client socket and closes the socket

        If a problem arises in the communication with the client, the
        client socket will also be closed
        """
        client_sock = self._client_sock
        try:
            msg = client_sock.recv(1024).rstrip().decode('utf-8')
            addr = client_sock.getpeername()
            logging.info(f'action: receive_message | result: success | ip: {addr[0]} | msg: {msg}')
            client_sock.sendall("{}\n".format(msg).encode('utf-8'))
        except (OSError, UnicodeDecodeError) as e:
            if self._running:
                logging.error(f'action: receive_message | result: fail | error: {e}')
        finally:
            client_sock.close()
            self._client_sock = None

    def __accept_new_connection(self):
        """
        Accept new connections

        Function blocks until a connection to a client is made.
        Then connection created is printed and returned
        """

        # Connection arrives
        logging.info('action: accept_connections | result: in_progress')
        c, addr = self._server_socket.accept()
        logging.info(f'action: accept_connections | result: success | ip: {addr[0]}')
        return c
